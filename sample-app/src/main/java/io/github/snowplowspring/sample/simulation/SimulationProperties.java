package io.github.snowplowspring.sample.simulation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The built-in shopper simulation. */
@ConfigurationProperties("sample.simulation")
public class SimulationProperties {

	/**
	 * About how many events per second the simulated shoppers produce; 0 turns the simulation off.
	 */
	private double rate = 3;

	public double getRate() {
		return this.rate;
	}

	public void setRate(double rate) {
		this.rate = rate;
	}

}
