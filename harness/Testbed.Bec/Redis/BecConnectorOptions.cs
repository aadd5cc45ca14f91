namespace Testbed.Bec.Redis;

/// <summary>Settings of a <see cref="BecConnector"/>.</summary>
public sealed class BecConnectorOptions
{
    /// <summary>Clock for stream polling and timeouts (docs/decisions/0006-bec-stream-reads.md).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Pause between two non-blocking XREADs while a blocking read or a stream follower waits.</summary>
    public TimeSpan StreamPollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long <see cref="BecConnector.ConnectAsync"/> tries before it gives up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Check incoming messages as BEC's pydantic classes would (refused ones go to <see cref="OnError"/>).</summary>
    public bool ValidateIncoming { get; init; } = true;

    /// <summary>Called for an incoming message that cannot be used (undecodable, wrong class) or a handler that threw; the
    /// subscription goes on. Default: one line on standard error.</summary>
    public Action<BecConnectorError> OnError { get; init; } = static e => Console.Error.WriteLine($"bec: {e}");
}

/// <summary>A message that was received but not delivered, or a handler that failed.</summary>
public sealed record BecConnectorError(string Endpoint, string Problem, Exception? Exception = null)
{
    public override string ToString() => $"'{Endpoint}': {Problem}";
}

/// <summary>A message received on a channel (BEC's MessageObject): the channel, the pattern that matched (or null), the message.</summary>
public sealed record BecPubSubMessage<T>(string Channel, string? Pattern, T Message);

/// <summary>One stream entry: its id and the message in its <c>data</c> field.</summary>
public sealed record StreamEntry<T>(string Id, T Message);
