package dev.gantry.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsdTest {
  @Test
  void formats_micro_dollars_with_six_decimals() {
    assertThat(Usd.format(412)).isEqualTo("0.000412");
    assertThat(Usd.format(12_500_000)).isEqualTo("12.500000");
    assertThat(Usd.format(0)).isEqualTo("0.000000");
  }

  @Test
  void rounds_half_up_once() {
    assertThat(Usd.round(new BigDecimal("0.0000015"))).isEqualTo(2);
    assertThat(Usd.round(new BigDecimal("0.00000149"))).isEqualTo(1);
  }

  @Test
  void parses_amounts_exactly_and_refuses_fractions_of_a_micro_dollar() {
    assertThat(Usd.parse("0.01")).isEqualTo(10_000);
    assertThat(Usd.parse("100")).isEqualTo(100_000_000);
    assertThatThrownBy(() -> Usd.parse("0.0000001")).hasMessageContaining("six decimals");
    assertThatThrownBy(() -> Usd.parse("-1")).hasMessageContaining("negative");
    assertThatThrownBy(() -> Usd.parse("ten")).hasMessageContaining("not a dollar amount");
  }
}
