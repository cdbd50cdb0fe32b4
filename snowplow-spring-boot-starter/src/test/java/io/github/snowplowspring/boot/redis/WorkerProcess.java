package io.github.snowplowspring.boot.redis;

import io.github.snowplowspring.boot.autoconfigure.SnowplowAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;

/**
 * A worker in a process of its own, so that a test can kill it with no chance to clean up.
 * Arguments are properties ({@code name=value}).
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, SnowplowAutoConfiguration.class,
		SnowplowRedisAutoConfiguration.class, TaskExecutionAutoConfiguration.class })
public class WorkerProcess {

	public static void main(String[] args) throws InterruptedException {
		new SpringApplicationBuilder(WorkerProcess.class).web(WebApplicationType.NONE).properties(args).run();
		Thread.currentThread().join();
	}

}
