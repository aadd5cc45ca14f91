namespace Testbed.Bec;

/// <summary>Base of every error this library raises; the message says what, where and what to do.</summary>
public class BecException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Bytes that are not valid msgpack, or a <c>__bec_codec__</c> envelope that cannot be read.</summary>
public sealed class BecDecodeException(string message, Exception? inner = null) : BecException(message, inner);

/// <summary>A value of the wrong kind where a typed accessor expected another (e.g. an int where a str is declared).</summary>
public sealed class BecValueException(string message) : BecException(message);

/// <summary>A message or model that BEC's pydantic classes would refuse: missing field, wrong type, value outside a closed set.</summary>
public sealed class BecValidationException(string message) : BecException(message);
