package io.github.snowplowspring.tracker;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast paths of {@code decimal} write what the BigDecimal route wrote, for any finite double. */
class DecimalTest {

	@Test
	void matchesPlainBigDecimalForAnyFiniteValue() {
		Random random = new Random(20261204);
		double[] edges = { 0.0, -0.0, 1, -1, 12.5, 0.1, 1e-3, 9.99e-4, 1e7, 9_999_999.5, 1e15, 1e15 - 1, 1e16, 1e300,
				Double.MIN_VALUE, Double.MAX_VALUE, -123.456, 4_503_599_627_370_496.0 };
		for (double value : edges) {
			assertThat(PayloadFactory.decimal(value)).as("%s", value).isEqualTo(reference(value));
		}
		for (int i = 0; i < 1_000_000; i++) {
			double value = switch (i % 4) {
				case 0 -> Math.round(random.nextDouble() * 1_000_000) / 100.0; // prices
				case 1 -> random.nextInt();
				case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
				default -> Double.longBitsToDouble(random.nextLong());
			};
			if (Double.isFinite(value)) {
				assertThat(PayloadFactory.decimal(value)).as("%s", value).isEqualTo(reference(value));
			}
		}
	}

	private static String reference(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
