package io.github.snowplowspring.boot.redis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.snowplowspring.tracker.payload.Payload;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one element of a Redis list back into an event: our format (a JSON object of strings)
 * or the Python RedisEmitter's (typed values, which are stringified as the Python tracker's own
 * POST did). An element that cannot be an event is refused with the reason.
 */
final class WorkerEvents {

	// The properties of iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4.
	static final Set<String> PAYLOAD_KEYS = Set.of("tna", "aid", "p", "dtm", "tz", "e", "tid", "eid", "tv", "duid",
			"nuid", "uid", "vid", "ip", "res", "url", "page", "refr", "fp", "ctype", "cookie", "lang", "f_pdf", "f_qt",
			"f_realp", "f_wma", "f_dir", "f_fla", "f_java", "f_gears", "f_ag", "cd", "ds", "cs", "vp", "mac", "pp_mix",
			"pp_max", "pp_miy", "pp_may", "ad_ba", "ad_ca", "ad_ad", "ad_uid", "tr_id", "tr_af", "tr_tt", "tr_tx",
			"tr_sh", "tr_ci", "tr_st", "tr_co", "tr_cu", "ti_id", "ti_sk", "ti_nm", "ti_na", "ti_ca", "ti_pr", "ti_qu",
			"ti_cu", "sa", "sn", "st", "sp", "se_ca", "se_ac", "se_la", "se_pr", "se_va", "ue_na", "ue_pr", "ue_px", "co",
			"cx", "ua", "tnuid", "stm", "sid", "ttm");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WorkerEvents() {
	}

	/**
	 * The event in an element.
	 * @param element the list element
	 * @return the event
	 * @throws InvalidElementException when it cannot be an event
	 */
	static Payload read(String element) {
		JsonNode node;
		try {
			node = JSON.readTree(element);
		}
		catch (JacksonException ex) {
			throw new InvalidElementException("not JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw new InvalidElementException("not a JSON object");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		Iterator<Map.Entry<String, JsonNode>> properties = node.properties().iterator();
		while (properties.hasNext()) {
			Map.Entry<String, JsonNode> property = properties.next();
			String name = property.getKey();
			JsonNode value = property.getValue();
			if (!PAYLOAD_KEYS.contains(name)) {
				throw new InvalidElementException("key '" + name + "' is not a payload_data 1-0-4 parameter");
			}
			if (value.isNull()) {
				continue;
			}
			if (!value.isValueNode()) {
				throw new InvalidElementException("value of '" + name + "' is not a string or number");
			}
			if (!name.equals("stm")) {
				fields.put(name, value.asString());
			}
		}
		if (!fields.containsKey("e")) {
			throw new InvalidElementException("no event type (e)");
		}
		// Old Python trackers wrote no event id: give the event one, so that it can be counted.
		fields.putIfAbsent(Payload.EVENT_ID, UUID.randomUUID().toString());
		return Payload.of(fields);
	}

	/** An element that cannot be an event. */
	static final class InvalidElementException extends RuntimeException {

		InvalidElementException(String reason) {
			super(reason);
		}

	}

}
