using System.CommandLine;
using System.Globalization;
using StackExchange.Redis;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Cli.Commands.Bench;

/// <summary><c>testbed bench blissdata</c>: publisher and reader throughput against raw pipelined XADD / XREAD of identical payloads, same Redis, same run.</summary>
internal static class BlissdataBench
{
    public static Command Create()
    {
        var redis = new Option<string?>("--redis") { Description = "Redis to measure (redis://host:port/db or host:port); default: a private redis-server child." };
        var points = new Option<int>("--points") { Description = "Points per scalar channel.", DefaultValueFactory = _ => 1_000_000 };
        var channels = new Option<int>("--channels") { Description = "float64 scalar channels.", DefaultValueFactory = _ => 10 };
        var frames = new Option<int>("--frames") { Description = "uint16 frames in-stream.", DefaultValueFactory = _ => 100 };
        var size = new Option<int>("--frame-size") { Description = "Frame width = height in pixels.", DefaultValueFactory = _ => 1024 };
        var cmd = new Command("blissdata", "blissdata publisher/reader vs raw pipelined XADD / XREAD: (a) scalar channels, (b) 2D frames in-stream.")
        {
            redis, points, channels, frames, size,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            try
            {
                using var child = parse.GetValue(redis) is null ? PrivateRedis.Start() : null;
                var url = parse.GetValue(redis) ?? child!.Url;
                var run = new BenchRun(url, Console.Out);
                await run.RunAsync(parse.GetValue(channels), parse.GetValue(points), parse.GetValue(frames), parse.GetValue(size));
                return 0;
            }
            catch (Exception e) when (e is BlissdataException or InvalidOperationException or RedisException)
            {
                await Console.Error.WriteLineAsync($"testbed: {e.Message}");
                return 1;
            }
        });
        return cmd;
    }
}
