package io.github.snowplowspring.benchmarks.load;

/**
 * Latencies in nanoseconds, in log-linear buckets (32 per power of two, under 3% error), so that
 * recording costs an increment and no allocation, whatever the number of calls.
 */
final class LatencyHistogram {

	private static final int SUB_BITS = 5;

	private static final int SUB = 1 << SUB_BITS;

	private final long[] counts = new long[64 * SUB];

	private long total;

	private long max;

	void record(long nanos) {
		long value = Math.max(0, nanos);
		this.counts[index(value)]++;
		this.total++;
		this.max = Math.max(this.max, value);
	}

	long count() {
		return this.total;
	}

	long max() {
		return this.max;
	}

	/** The value below which {@code fraction} of the calls fall, at the middle of its bucket. */
	long percentile(double fraction) {
		if (this.total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(fraction * this.total));
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return Math.min(this.max, lowerBound(i) + (width(i) - 1) / 2);
			}
		}
		return this.max;
	}

	static int index(long value) {
		if (value < SUB) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int shift = exponent - SUB_BITS;
		int sub = (int) (value >>> shift) - SUB;
		return (shift + 1) * SUB + sub;
	}

	static long lowerBound(int index) {
		if (index < SUB) {
			return index;
		}
		int shift = index / SUB - 1;
		return (long) (SUB + index % SUB) << shift;
	}

	private static long width(int index) {
		return (index < SUB) ? 1 : 1L << (index / SUB - 1);
	}

}
