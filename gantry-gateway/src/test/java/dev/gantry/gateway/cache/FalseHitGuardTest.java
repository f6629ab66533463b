package dev.gantry.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The false-hit guard on questions an embedding finds alike but that want other answers. */
class FalseHitGuardTest {

  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "How do I turn on notifications? | How do I turn off notifications? | POLARITY",
        "How do I enable two-factor login? | How can I disable two-factor login? | POLARITY",
        "Is the museum open on Sundays? | Is the museum not open on Sundays? | NEGATION",
        "Can I cancel my order? | Why can't I cancel my order? | NEGATION",
        "Which plans include SSO? | Which plans do not include SSO? | NEGATION",
        "What is 15% of 80? | What is 15% of 60? | NUMBER",
        "Convert 3 miles to km | Convert three miles to km | AGREE",
        "Is there a train at 7 am? | Is there a train at 8 am? | NUMBER",
        "Top five cities to visit | Top ten cities to visit | NUMBER",
        "What happened in March 2020? | What happened in April 2020? | DATE",
        "What is the weather tomorrow? | What is the weather today? | DATE",
        "Events in Berlin next week | Events in Berlin last week | DATE",
        "Are you open on Saturdays? | Are you open on a Saturday? | AGREE",
        "Are you open on Saturdays? | Are you open on Sundays? | DATE",
        "Do you deliver at weekends? | Do you deliver on the weekend? | AGREE",
        "What is the capital of France? | What is the capital of Germany? | ENTITY",
        "How do I install numpy on Windows? | How do I install numpy on macOS? | ENTITY",
        "What does df.dropna do? | What does df.fillna do? | ENTITY",
        "Is Python faster than Java? | Is Python slower than Java? | COMPARISON",
        "Which laptop has more memory? | Which laptop has less memory? | COMPARISON",
        "How can I reset my password? | How do I reset my password? | AGREE",
        "What's France's capital? | What is the capital of France? | AGREE",
        "Where is the Eiffel Tower? | Where can I find the Eiffel Tower? | AGREE",
        "No, what I mean is how to cook rice | How to cook rice | AGREE",
        "May I change my seat? | Can I change my seat? | AGREE",
        "How much is 1,000 dollars in euros? | How much is 1000 dollars in euros? | AGREE",
        "Is version 2.10 supported? | Is version 2.1 supported? | NUMBER",
        "Where is my parcel (ref 12)? | Where is my parcel (ref 13)? | NUMBER",
        "Steps: 1) unplug it 2) wait | Steps: unplug it, then wait | AGREE",
        "What are the arguments of datasets.AudioClassification? | What are the arguments of the"
            + " AudioClassification class? | AGREE",
        "What does datasets.list_datasets return? | What does list_datasets return? | AGREE",
        "How do I load datasets.Metric? | How do I load datasets.Dataset? | ENTITY",
        "Can I open data.csv? | Can I open data.json? | ENTITY",
        "Which datasets does the Hub have for NLP? | Which datasets does the Hub have for Natural"
            + " Language Processing? | AGREE",
        "Which datasets does the Hub have for NLP? | Which datasets does the Hub have for Computer"
            + " Vision? | ENTITY",
        "Run `pip install jax`. Afterwards, set the format | Run `pip install jax`. Then set the"
            + " format | AGREE",
        "Does it work with Python? | Does it work with Kotlin? | ENTITY",
        "It streams. You can start without downloading it. | It streams. You can start before"
            + " it is downloaded. | AGREE",
        "Can I use it offline? | It streams. Can I not use it offline? | NEGATION",
      })
  void finds_what_changes_the_answer(String a, String b, String expected) {
    GuardVerdict v = FalseHitGuard.check(a.strip(), b.strip());
    if (expected.equals("AGREE")) {
      assertThat(v).as(v.toString()).isInstanceOf(GuardVerdict.Agree.class);
    } else {
      assertThat(v).isInstanceOf(GuardVerdict.Disagree.class);
      assertThat(((GuardVerdict.Disagree) v).kind().name()).isEqualTo(expected);
      assertThat(FalseHitGuard.check(b.strip(), a.strip()))
          .as("symmetric")
          .isInstanceOf(GuardVerdict.Disagree.class);
    }
  }
}
