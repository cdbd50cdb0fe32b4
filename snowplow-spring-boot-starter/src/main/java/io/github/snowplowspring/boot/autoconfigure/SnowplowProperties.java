package io.github.snowplowspring.boot.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.snowplowspring.tracker.emitter.OverflowPolicy;
import io.github.snowplowspring.tracker.http.HttpMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Snowplow tracker and its emitters.
 */
@ConfigurationProperties("snowplow")
public class SnowplowProperties {

	/**
	 * Whether to track events; when false, the Tracker bean accepts events and sends nothing.
	 */
	private boolean enabled = true;

	/**
	 * Tracker namespace, sent as tna; required when enabled.
	 */
	private @Nullable String namespace;

	/**
	 * Application id, sent as aid.
	 */
	private @Nullable String appId;

	/**
	 * Platform, sent as p: web, mob, pc, srv, app, tv, cnsl or iot.
	 */
	private String platform = "srv";

	/**
	 * Whether to base64-encode contexts and self-describing events (cx, ue_px) rather than send
	 * plain JSON (co, ue_pr).
	 */
	private boolean base64 = true;

	/**
	 * Defaults for the subject of every event.
	 */
	private final Subject subject = new Subject();

	/**
	 * Emitters by name; every event goes to each, except an emitter that workers send with.
	 */
	private final Map<String, EmitterProperties> emitters = new LinkedHashMap<>();

	/**
	 * The snowplow health indicator.
	 */
	private final Health health = new Health();

	/**
	 * Workers that send what Redis emitters stored.
	 */
	private final Worker worker = new Worker();

	/**
	 * Web integration in servlet applications.
	 */
	private final Web web = new Web();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public @Nullable String getAppId() {
		return this.appId;
	}

	public void setAppId(@Nullable String appId) {
		this.appId = appId;
	}

	public String getPlatform() {
		return this.platform;
	}

	public void setPlatform(String platform) {
		this.platform = platform;
	}

	public boolean isBase64() {
		return this.base64;
	}

	public void setBase64(boolean base64) {
		this.base64 = base64;
	}

	public Subject getSubject() {
		return this.subject;
	}

	public Map<String, EmitterProperties> getEmitters() {
		return this.emitters;
	}

	public Health getHealth() {
		return this.health;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Web getWeb() {
		return this.web;
	}

	/**
	 * Web integration in servlet applications.
	 */
	public static class Web {

		/**
		 * Whether events tracked while serving a request carry the request's IP address, user
		 * agent, language and authenticated user as their subject.
		 */
		private boolean requestSubject = true;

		/**
		 * Comma-separated list of path patterns whose GET requests are tracked as page views.
		 */
		private List<String> pageViews = new ArrayList<>();

		public boolean isRequestSubject() {
			return this.requestSubject;
		}

		public void setRequestSubject(boolean requestSubject) {
			this.requestSubject = requestSubject;
		}

		public List<String> getPageViews() {
			return this.pageViews;
		}

		public void setPageViews(List<String> pageViews) {
			this.pageViews = pageViews;
		}

	}

	/**
	 * Workers that drain what Redis emitters stored and send it with an HTTP emitter.
	 */
	public static class Worker {

		/**
		 * Whether to run workers in this application.
		 */
		private boolean enabled;

		/**
		 * Name of the HTTP emitter (sync or async) the workers send with; it is not attached to the
		 * tracker.
		 */
		private @Nullable String sendTo;

		/**
		 * Worker threads per list or stream.
		 */
		private int concurrency = 2;

		/**
		 * Time after which a silent worker counts as dead and its claimed events go back to be
		 * sent by another; must exceed the send-to emitter's request timeout.
		 */
		private Duration claimTimeout = Duration.ofSeconds(60);

		/**
		 * The Redis list to drain.
		 */
		private final WorkerList list = new WorkerList();

		/**
		 * The Redis stream of tasks to consume.
		 */
		private final WorkerStream stream = new WorkerStream();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getSendTo() {
			return this.sendTo;
		}

		public void setSendTo(@Nullable String sendTo) {
			this.sendTo = sendTo;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getClaimTimeout() {
			return this.claimTimeout;
		}

		public void setClaimTimeout(Duration claimTimeout) {
			this.claimTimeout = claimTimeout;
		}

		public WorkerList getList() {
			return this.list;
		}

		public WorkerStream getStream() {
			return this.stream;
		}

	}

	/**
	 * The Redis stream of tasks a worker consumes, as a member of a consumer group.
	 */
	public static class WorkerStream {

		/**
		 * Name of the stream to consume; no stream worker runs unless it is set.
		 */
		private @Nullable String name;

		/**
		 * Consumer group the workers of every application share; created from the stream's start
		 * when missing.
		 */
		private String group = "snowplow-workers";

		/**
		 * Deliveries of a task before it goes to the dead-letter stream.
		 */
		private int maxDeliveries = 5;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getGroup() {
			return this.group;
		}

		public void setGroup(String group) {
			this.group = group;
		}

		public int getMaxDeliveries() {
			return this.maxDeliveries;
		}

		public void setMaxDeliveries(int maxDeliveries) {
			this.maxDeliveries = maxDeliveries;
		}

	}

	/**
	 * The Redis list a worker drains.
	 */
	public static class WorkerList {

		/**
		 * Key of the list to drain; no list worker runs unless it is set.
		 */
		private @Nullable String key;

		/**
		 * Most events a worker claims and sends at once.
		 */
		private int batchSize = 50;

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * The snowplow health indicator.
	 */
	public static class Health {

		/**
		 * Whether an emitter that dropped events lately makes the application's health DOWN;
		 * by default an analytics outage leaves it UP.
		 */
		private boolean downWhenFailing;

		public boolean isDownWhenFailing() {
			return this.downWhenFailing;
		}

		public void setDownWhenFailing(boolean downWhenFailing) {
			this.downWhenFailing = downWhenFailing;
		}

	}

	/**
	 * Defaults for the subject of every event; an event's own subject wins field by field.
	 */
	public static class Subject {

		/**
		 * Business user id, sent as uid.
		 */
		private @Nullable String userId;

		/**
		 * IANA time zone id, sent as tz.
		 */
		private @Nullable String timezone;

		/**
		 * Language, sent as lang.
		 */
		private @Nullable String language;

		/**
		 * IP address, sent as ip.
		 */
		private @Nullable String ipAddress;

		/**
		 * User agent, sent as ua.
		 */
		private @Nullable String userAgent;

		/**
		 * Domain user id, sent as duid.
		 */
		private @Nullable String domainUserId;

		/**
		 * Network user id overriding the collector's cookie, sent as tnuid.
		 */
		private @Nullable String networkUserId;

		public @Nullable String getUserId() {
			return this.userId;
		}

		public void setUserId(@Nullable String userId) {
			this.userId = userId;
		}

		public @Nullable String getTimezone() {
			return this.timezone;
		}

		public void setTimezone(@Nullable String timezone) {
			this.timezone = timezone;
		}

		public @Nullable String getLanguage() {
			return this.language;
		}

		public void setLanguage(@Nullable String language) {
			this.language = language;
		}

		public @Nullable String getIpAddress() {
			return this.ipAddress;
		}

		public void setIpAddress(@Nullable String ipAddress) {
			this.ipAddress = ipAddress;
		}

		public @Nullable String getUserAgent() {
			return this.userAgent;
		}

		public void setUserAgent(@Nullable String userAgent) {
			this.userAgent = userAgent;
		}

		public @Nullable String getDomainUserId() {
			return this.domainUserId;
		}

		public void setDomainUserId(@Nullable String domainUserId) {
			this.domainUserId = domainUserId;
		}

		public @Nullable String getNetworkUserId() {
			return this.networkUserId;
		}

		public void setNetworkUserId(@Nullable String networkUserId) {
			this.networkUserId = networkUserId;
		}

	}

	/**
	 * One emitter. Which keys apply depends on its type.
	 */
	public static class EmitterProperties {

		/**
		 * Emitter type: sync, async, redis or queue (the Python Emitter, AsyncEmitter,
		 * RedisEmitter and CeleryEmitter).
		 */
		private String type = "async";

		/**
		 * Collector host, or a full URL whose scheme and port win over protocol and port.
		 */
		private @Nullable String endpoint;

		/**
		 * Protocol of a collector given as a host: http or https.
		 */
		private String protocol = "https";

		/**
		 * Collector port; must agree with a port in the endpoint URL.
		 */
		private @Nullable Integer port;

		/**
		 * HTTP method: get sends one event per request, post sends batches.
		 */
		private HttpMethod method = HttpMethod.POST;

		/**
		 * Buffered events that trigger a send, and the most events per request. Defaults to 1
		 * for get and 10 for post.
		 */
		private @Nullable Integer bufferSize;

		/**
		 * Most bytes one request may carry as sent; an event larger than this goes alone.
		 */
		private @Nullable DataSize byteLimit;

		/**
		 * Sender threads of an async emitter, and so the most requests in flight.
		 */
		private int threadCount = 1;

		/**
		 * Interval of the flush timer; 0s turns it off. Defaults to 5s for async and queue
		 * emitters, 200ms for redis, none for sync.
		 */
		private @Nullable Duration flushInterval;

		/**
		 * Most events held: buffered, in flight or waiting for retry.
		 */
		private int bufferCapacity = 10_000;

		/**
		 * Most encoded bytes held.
		 */
		private DataSize bufferMaxBytes = DataSize.ofMegabytes(16);

		/**
		 * Largest event accepted for sending; larger ones are dropped as oversized.
		 */
		private DataSize maxEventBytes = DataSize.ofMegabytes(1);

		/**
		 * What to do with a new event when the buffer is full: drop-newest, drop-oldest or block.
		 */
		private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;

		/**
		 * How long the block overflow policy may block the caller before dropping the event.
		 */
		private Duration maxBlock = Duration.ZERO;

		/**
		 * Time to wait for a connection to the collector.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Time to wait for the collector's answer to a request.
		 */
		private Duration requestTimeout = Duration.ofSeconds(5);

		/**
		 * Headers added to every request, for example an API key.
		 */
		private final Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * HTTP proxy to send through, for example http://proxy.internal:3128.
		 */
		private @Nullable URI proxy;

		/**
		 * Name of a Spring Boot SSL bundle for TLS to the collector.
		 */
		private @Nullable String sslBundle;

		/**
		 * HTTP client: jdk, or rest-client to use a copy of the application's RestClient.Builder.
		 */
		private Client client = Client.JDK;

		/**
		 * Retries of failed requests.
		 */
		private final Retry retry = new Retry();

		/**
		 * Key of the Redis list a redis emitter appends to.
		 */
		private String key = "snowplow";

		/**
		 * Name of the Redis stream a queue emitter adds its tasks to.
		 */
		private String stream = "snowplow:tasks";

		/**
		 * Which events this emitter receives; every event when nothing is set.
		 */
		private final Route route = new Route();

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public String getProtocol() {
			return this.protocol;
		}

		public void setProtocol(String protocol) {
			this.protocol = protocol;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public HttpMethod getMethod() {
			return this.method;
		}

		public void setMethod(HttpMethod method) {
			this.method = method;
		}

		public @Nullable Integer getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(@Nullable Integer bufferSize) {
			this.bufferSize = bufferSize;
		}

		public @Nullable DataSize getByteLimit() {
			return this.byteLimit;
		}

		public void setByteLimit(@Nullable DataSize byteLimit) {
			this.byteLimit = byteLimit;
		}

		public int getThreadCount() {
			return this.threadCount;
		}

		public void setThreadCount(int threadCount) {
			this.threadCount = threadCount;
		}

		public @Nullable Duration getFlushInterval() {
			return this.flushInterval;
		}

		public void setFlushInterval(@Nullable Duration flushInterval) {
			this.flushInterval = flushInterval;
		}

		public int getBufferCapacity() {
			return this.bufferCapacity;
		}

		public void setBufferCapacity(int bufferCapacity) {
			this.bufferCapacity = bufferCapacity;
		}

		public DataSize getBufferMaxBytes() {
			return this.bufferMaxBytes;
		}

		public void setBufferMaxBytes(DataSize bufferMaxBytes) {
			this.bufferMaxBytes = bufferMaxBytes;
		}

		public DataSize getMaxEventBytes() {
			return this.maxEventBytes;
		}

		public void setMaxEventBytes(DataSize maxEventBytes) {
			this.maxEventBytes = maxEventBytes;
		}

		public OverflowPolicy getOverflow() {
			return this.overflow;
		}

		public void setOverflow(OverflowPolicy overflow) {
			this.overflow = overflow;
		}

		public Duration getMaxBlock() {
			return this.maxBlock;
		}

		public void setMaxBlock(Duration maxBlock) {
			this.maxBlock = maxBlock;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public @Nullable URI getProxy() {
			return this.proxy;
		}

		public void setProxy(@Nullable URI proxy) {
			this.proxy = proxy;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public Client getClient() {
			return this.client;
		}

		public void setClient(Client client) {
			this.client = client;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public String getKey() {
			return this.key;
		}

		public String getStream() {
			return this.stream;
		}

		public Route getRoute() {
			return this.route;
		}

		public void setStream(String stream) {
			this.stream = stream;
		}

		public void setKey(String key) {
			this.key = key;
		}

	}

	/**
	 * Which events an emitter receives: those matching any of the given types or schemas, and the
	 * filter bean when one is named.
	 */
	public static class Route {

		/**
		 * Comma-separated list of event types the emitter receives: pv, pp, se, ue, tr.
		 */
		private List<String> eventTypes = new ArrayList<>();

		/**
		 * Comma-separated list of schema URI prefixes of the self-describing events the emitter
		 * receives, for example iglu:com.acme/.
		 */
		private List<String> schemas = new ArrayList<>();

		/**
		 * Name of an EventFilter bean that decides which events the emitter receives.
		 */
		private @Nullable String filter;

		public List<String> getEventTypes() {
			return this.eventTypes;
		}

		public void setEventTypes(List<String> eventTypes) {
			this.eventTypes = eventTypes;
		}

		public List<String> getSchemas() {
			return this.schemas;
		}

		public void setSchemas(List<String> schemas) {
			this.schemas = schemas;
		}

		public @Nullable String getFilter() {
			return this.filter;
		}

		public void setFilter(@Nullable String filter) {
			this.filter = filter;
		}

	}

	/**
	 * The HTTP client an emitter sends with.
	 */
	public enum Client {

		/**
		 * The JDK HttpClient, configured from the emitter's properties.
		 */
		JDK,

		/**
		 * A copy of the application's RestClient.Builder: its interceptors, default headers and
		 * observations apply.
		 */
		REST_CLIENT

	}

	/**
	 * Retries of failed requests: capped exponential backoff with full jitter.
	 */
	public static class Retry {

		/**
		 * Attempts per event before it is dropped as expired; unlimited within max-age when unset.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Upper bound of the first retry delay; it doubles with each attempt.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Cap on any retry delay, including the collector's Retry-After.
		 */
		private Duration maxBackoff = Duration.ofSeconds(60);

		/**
		 * How long after it was tracked an event may still be retried before it is dropped as
		 * expired.
		 */
		private Duration maxAge = Duration.ofHours(1);

		/**
		 * Whether each HTTP status is retried, overriding the default rule (the Python
		 * custom_retry_codes).
		 */
		private final Map<Integer, Boolean> customCodes = new LinkedHashMap<>();

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public Map<Integer, Boolean> getCustomCodes() {
			return this.customCodes;
		}

	}

}
