package dev.gantry.eval.judge;

/** Grades an output against a rubric. Implementations are shared and thread-safe. */
public interface Judge {
  /**
   * @param rubric what a good answer does, in the suite's words
   * @param input the user's input the output answers
   * @param output the output to grade
   * @throws JudgeException when no usable grade could be obtained
   */
  Judgement grade(String rubric, String input, String output) throws JudgeException;
}
