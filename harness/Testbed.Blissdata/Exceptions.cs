namespace Testbed.Blissdata;

/// <summary>Base of every error raised by this library; the message says what, where and what to do.</summary>
public class BlissdataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The database holds no or another blissdata protocol version, or cannot be initialised.</summary>
public sealed class ProtocolException(string message) : BlissdataException(message);

/// <summary>The scan key does not exist or the scan was deleted (TTL ≤ 10 s).</summary>
public sealed class ScanNotFoundException(string message) : BlissdataException(message);

/// <summary>The scan document does not have the shape of spec §4.</summary>
public sealed class ScanValidationException(string message) : BlissdataException(message);

/// <summary>A state change that §5.1 forbids; nothing was written.</summary>
public sealed class UnauthorizeStateTransitionException(string message) : BlissdataException(message);

/// <summary>Scan metadata or points that the protocol refuses (size, dtype, shape, empty batch).</summary>
public sealed class EncodingException(string message) : BlissdataException(message);

/// <summary>The index is not published yet (the stream is not sealed, more may come).</summary>
public sealed class IndexNotYetThereException(string message) : BlissdataException(message);

/// <summary>The index existed but was trimmed from Redis.</summary>
public sealed class IndexNoMoreThereException(string message) : BlissdataException(message);

/// <summary>The index lies beyond the end of a sealed stream.</summary>
public sealed class IndexWontBeThereException(string message) : BlissdataException(message);

/// <summary>A cursor reached the seal of its stream (or every stream of its group).</summary>
public sealed class EndOfStreamException(string message) : BlissdataException(message);

/// <summary>No scan in the history matches the request.</summary>
public sealed class NoScanAvailableException(string message) : BlissdataException(message);

/// <summary>A stream names a plugin this reader does not know; only that stream is unusable.</summary>
public sealed class MissingPluginException(string message) : BlissdataException(message);

/// <summary>Redis stayed unreachable beyond the configured timeout while publishing; the scan ends with FAILURE.</summary>
public sealed class ScanFailedException(string message, Exception? inner = null) : BlissdataException(message, inner);
