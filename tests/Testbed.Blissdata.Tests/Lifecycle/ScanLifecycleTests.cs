using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Tests.Fixture;
using Testbed.TestSupport;
using Testbed.Twin.Clock;

namespace Testbed.Blissdata.Tests.Lifecycle;

public class ScanLifecycleTests(DocumentBackend backend) : BackendTest(backend)
{
    private async Task<string> LastStateAsync(string stateKey) => (string)(await EntriesAsync(stateKey))[^1].Fields["state"]!;

    [Test]
    public async Task Prepare_writes_state_1_with_full_streams_and_info_in_one_transaction() // §10.14
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        scan.CreateStream(StreamDefinition.Scalar("axis:roby", DType.Float64));
        scan.CreateStream(StreamDefinition.Json("notes"));
        scan.Info["title"] = "ascan roby 0 1 10 0.1";
        using var monitor = new CommandLog(Db);
        await scan.PrepareAsync();
        var log = await monitor.StopAsync();
        Assert.That(await LastStateAsync(scan.StateKey), Is.EqualTo("1"));
        var doc = await RawDocumentAsync(scan.Key);
        Assert.That(doc["data_streams"]!.AsObject().Select(kv => kv.Key), Is.EquivalentTo(new[] { "axis:roby", "notes" }));
        Assert.That((string?)doc["info"]!["title"], Is.EqualTo("ascan roby 0 1 10 0.1"));
        var multi = log.FindIndex(l => l == "\"MULTI\"");
        var exec = log.FindIndex(l => l == "\"EXEC\"");
        Assert.That(multi, Is.GreaterThanOrEqualTo(0).And.LessThan(exec), string.Join("\n", log));
        var inside = log.Skip(multi + 1).Take(exec - multi - 1).ToList();
        Assert.That(inside.Any(l => l.Contains(scan.Key)), Is.True, string.Join("\n", log));
        Assert.That(inside.Any(l => l.StartsWith($"\"XADD\" \"{scan.StateKey}\" \"*\" \"state\" \"1\"")), Is.True, string.Join("\n", log));
    }

    [Test]
    public async Task States_go_1_2_3_4_and_stop_seals_streams_first() // §10.15, §10.16
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        var w = scan.CreateStream(StreamDefinition.Scalar("c", DType.Int32));
        await scan.PrepareAsync();
        await scan.StartAsync();
        Assert.That(await LastStateAsync(scan.StateKey), Is.EqualTo("2"));
        await w.SendAsync(1);
        await w.SendAsync(2);
        await scan.StopAsync();
        Assert.That(await LastStateAsync(scan.StateKey), Is.EqualTo("3"));
        var entries = await EntriesAsync(w.Key);
        Assert.That(entries[^1].Id, Is.EqualTo("18446744073709551615-18446744073709551615"));
        Assert.That((string?)entries[^1].Fields["id"], Is.EqualTo("2"));
        await scan.CloseAsync();
        Assert.That(await LastStateAsync(scan.StateKey), Is.EqualTo("4"));
        var states = (await EntriesAsync(scan.StateKey)).Select(e => (string)e.Fields["state"]!).ToList();
        Assert.That(states, Is.EqualTo(new[] { "0", "1", "2", "3", "4" }));
        var info = (await RawDocumentAsync(scan.Key))["info"]!;
        Assert.That((string?)info["end_reason"], Is.EqualTo("SUCCESS"));
        Assert.That((string?)info["end_time"], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$"));
    }

    [Test]
    public async Task Close_without_stop_seals_the_remaining_streams() // §10.16
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        var w = scan.CreateStream(StreamDefinition.Scalar("c", DType.Float64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        await w.SendAsync(1.0);
        await scan.CloseAsync(EndReason.Failure);
        var entries = await EntriesAsync(w.Key);
        Assert.That(entries.Select(e => e.Id), Is.EqualTo(new[] { "0-1", "18446744073709551615-18446744073709551615" }));
        Assert.That((string?)(await RawDocumentAsync(scan.Key))["info"]!["end_reason"], Is.EqualTo("FAILURE"));
    }

    [Test]
    public async Task Illegal_transition_fails_and_writes_nothing() // §10.17
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        await using var other = await OtherClientAsync();
        var reader = await other.LoadScanAsync(scan.Key);
        Assert.ThrowsAsync<UnauthorizeStateTransitionException>(scan.StopAsync);
        Assert.ThrowsAsync<UnauthorizeStateTransitionException>(scan.StartAsync);
        Assert.That(await reader.UpdateAsync(TimeSpan.FromMilliseconds(100)), Is.False);
        Assert.That(reader.State, Is.EqualTo(ScanState.Created));
        Assert.That(await EntriesAsync(scan.StateKey), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Stale_reader_sees_the_new_state_only_after_update() // §10.18, §10.19
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        // The reader's clock never moves: a call that waited for a timeout or a poll would never return.
        using var clock = new SimulationClock(paused: true);
        await using var other = await OtherClientAsync(clock);
        var reader = await other.LoadScanAsync(scan.Key);
        await scan.PrepareAsync();
        Assert.That(reader.State, Is.EqualTo(ScanState.Created));
        Assert.That(await reader.UpdateAsync(TimeSpan.FromSeconds(5)).WaitAsync(Eventually.DefaultDeadline), Is.True);
        Assert.That(reader.State, Is.EqualTo(ScanState.Prepared));
        await scan.CloseAsync();
        Assert.That(await reader.WaitForStateAsync(ScanState.Closed, TimeSpan.FromSeconds(5)).WaitAsync(Eventually.DefaultDeadline), Is.True);
        Assert.That(await reader.UpdateAsync().WaitAsync(Eventually.DefaultDeadline), Is.False, "update on a CLOSED scan returns at once, even with no timeout");
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task A_blocking_update_is_released_by_the_next_transition()
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        using var clock = new SimulationClock(paused: true);
        await using var other = await OtherClientAsync(clock);
        var reader = await other.LoadScanAsync(scan.Key);
        var waiting = reader.UpdateAsync();
        await PollWaitingAsync(clock, "update polling while the scan does not change");
        Assert.That(waiting.IsCompleted, Is.False);
        await scan.PrepareAsync();
        NextPoll(clock);
        Assert.That(await waiting.WaitAsync(Eventually.DefaultDeadline), Is.True);
        Assert.That(reader.State, Is.EqualTo(ScanState.Prepared));
    }

    [Test]
    public async Task Info_may_change_only_before_prepare_and_before_close() // §10.20
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity(), new JsonObject { ["title"] = "a" });
        scan.Info["title"] = "b";
        await scan.PrepareAsync();
        scan.Info["title"] = "c";
        Assert.ThrowsAsync<UnauthorizeStateTransitionException>(scan.StartAsync);
        scan.Info["title"] = "b";
        await scan.StartAsync();
        await scan.StopAsync();
        scan.Info["comments"] = new JsonArray("done");
        await scan.CloseAsync();
        var info = (await RawDocumentAsync(scan.Key))["info"]!;
        Assert.That((string?)info["title"], Is.EqualTo("b"));
        Assert.That(info["comments"]!.ToJsonString(), Is.EqualTo("[\"done\"]"));
    }

    [Test]
    public async Task Reader_sees_streams_only_from_PREPARED_and_exactly_those_of_the_document() // §10.21
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        scan.CreateStream(StreamDefinition.Scalar("a", DType.Float64));
        scan.CreateStream(StreamDefinition.Numeric("b", DType.Int32, [8]));
        await using var other = await OtherClientAsync();
        var reader = await other.LoadScanAsync(scan.Key);
        Assert.That(reader.Streams, Is.Empty);
        await scan.PrepareAsync();
        await reader.UpdateAsync(TimeSpan.FromSeconds(5));
        Assert.That(reader.Streams.Keys, Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(reader.Streams["b"].DTypeName, Is.EqualTo("int32"));
        Assert.That(reader.Streams["b"].Shape, Is.EqualTo(new[] { 8 }));
    }

    [Test]
    public async Task Failure_goes_from_STARTED_straight_to_CLOSED_with_its_end_reason() // §10.22
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        await scan.PrepareAsync();
        await scan.StartAsync();
        await scan.CloseAsync(EndReason.UserAbort);
        var states = (await EntriesAsync(scan.StateKey)).Select(e => (string)e.Fields["state"]!).ToList();
        Assert.That(states, Is.EqualTo(new[] { "0", "1", "2", "4" }));
        Assert.That((string?)(await RawDocumentAsync(scan.Key))["info"]!["end_reason"], Is.EqualTo("USER_ABORT"));
    }
}
