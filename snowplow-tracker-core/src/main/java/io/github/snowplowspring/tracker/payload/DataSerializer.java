package io.github.snowplowspring.tracker.payload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the data of self-describing events and context entities into JSON. The default writes
 * maps, records and beans with the tracker's own isolated mapper, leaving nulls out;
 * {@link #withConverter} teaches it a type without exposing the mapper.
 */
@FunctionalInterface
public interface DataSerializer {

	/** The tracker's own serialization. */
	DataSerializer DEFAULT = PayloadJson::write;

	/**
	 * The JSON of a data object.
	 * @param data the data
	 * @param field what it is, for the error message (for example "data of context entity 0")
	 * @return the JSON text
	 * @throws IllegalArgumentException naming the field when the data cannot be serialized
	 */
	String toJson(Object data, String field);

	/**
	 * This serializer, with values of one type converted first (anywhere in the data: at the top,
	 * in maps, in lists) into something it can write: a string, a number, a map, a record.
	 * @param <T> the type
	 * @param type the type to convert
	 * @param converter how to convert it
	 * @return the new serializer
	 */
	default <T> DataSerializer withConverter(Class<T> type, Function<? super T, ?> converter) {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(converter, "converter");
		DataSerializer delegate = this;
		return (data, field) -> delegate.toJson(convert(data, type, converter), field);
	}

	private static <T> Object convert(Object value, Class<T> type, Function<? super T, ?> converter) {
		if (type.isInstance(value)) {
			return converter.apply(type.cast(value));
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> converted = new LinkedHashMap<>();
			map.forEach((key, item) -> converted.put(key, (item != null) ? convert(item, type, converter) : null));
			return converted;
		}
		if (value instanceof Iterable<?> items) {
			java.util.List<Object> converted = new java.util.ArrayList<>();
			items.forEach((item) -> converted.add((item != null) ? convert(item, type, converter) : null));
			return converted;
		}
		return value;
	}

}
