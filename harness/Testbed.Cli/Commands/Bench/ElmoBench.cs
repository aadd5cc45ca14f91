using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Transport;

namespace Testbed.Cli.Commands.Bench;

/// <summary><c>testbed bench elmo</c>: PX round trips against the Elmo twin's UDP server versus a raw UDP echo server, both on loopback in the same run.</summary>
internal static class ElmoBench
{
    private static readonly byte[] Request = "PX\r"u8.ToArray();

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measurement time per server.", DefaultValueFactory = _ => 5.0 };
        var clients = new Option<int>("--clients") { Description = "Concurrent closed-loop clients (one socket each).", DefaultValueFactory = _ => 1 };
        var command = new Command("elmo", "Round trips of 'PX\\r' to an in-process Elmo twin vs a raw UDP echo server (target: ≥0.7× echo throughput, p99 < 1 ms).") { seconds, clients };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(seconds), parse.GetValue(clients), ct));
        return command;
    }

    private static async Task<int> RunAsync(double seconds, int clients, CancellationToken ct)
    {
        if (!(seconds > 0) || clients < 1)
        {
            await Console.Error.WriteLineAsync("testbed bench elmo: --seconds must be > 0 and --clients ≥ 1");
            return 2;
        }
        // Both servers run at once and are measured in alternating 250 ms slices, so a load change on the machine
        // hits both the same way and the ratio stays meaningful.
        var slice = TimeSpan.FromMilliseconds(250);
        var rounds = Math.Max(1, (int)Math.Round(seconds / slice.TotalSeconds));
        var drive = new ElmoDrive(TimeProvider.System, new ElmoDriveSettings { MotorOnAtPowerUp = true });
        await using var echoServer = EchoServer.Start();
        await using var twinServer = new ElmoUdpServer(drive, new IPEndPoint(IPAddress.Loopback, 0));
        twinServer.Start();
        Measure(echoServer.EndPoint, clients, slice, _ => true);
        Measure(twinServer.LocalEndPoint, clients, slice, IsPxReply);
        var echoSlices = new List<Sample>();
        var twinSlices = new List<Sample>();
        for (var r = 0; r < rounds && !ct.IsCancellationRequested; r++)
        {
            echoSlices.Add(Measure(echoServer.EndPoint, clients, slice, _ => true));
            twinSlices.Add(Measure(twinServer.LocalEndPoint, clients, slice, IsPxReply));
        }
        var echo = Summarize(echoSlices);
        var twin = Summarize(twinSlices);
        Console.WriteLine($"testbed bench elmo: {clients} client(s), {seconds.ToString(CultureInfo.InvariantCulture)} s each in alternating {slice.TotalMilliseconds} ms slices, request 'PX\\r' on 127.0.0.1");
        Console.WriteLine($"{"server",-12} {"requests/s",12} {"p50 µs",9} {"p99 µs",9} {"lost",6} {"bad",6}");
        foreach (var (name, r) in new[] { ("udp echo", echo), ("elmo twin", twin) })
            Console.WriteLine($"{name,-12} {r.Rate,12:F0} {r.P50,9:F1} {r.P99,9:F1} {r.Lost,6} {r.Bad,6}");
        var ratio = twin.Rate / echo.Rate;
        Console.WriteLine($"throughput ratio twin/echo: {ratio:F2} (target ≥ 0.70: {(ratio >= 0.7 ? "met" : "NOT met")}); twin p99 {twin.P99:F1} µs (target < 1000: {(twin.P99 < 1000 ? "met" : "NOT met")})");
        return 0;
    }

    private static bool IsPxReply(ReadOnlySpan<byte> reply) =>
        reply.Length > 4 && reply.StartsWith(Request) && reply[^1] == ';';

    private delegate bool ReplyCheck(ReadOnlySpan<byte> reply);

    private readonly record struct Result(double Rate, double P50, double P99, long Lost, long Bad);

    private sealed record Sample(double[] RoundTrips, double Seconds, long Lost, long Bad);

    private static Result Summarize(List<Sample> slices)
    {
        var all = slices.SelectMany(s => s.RoundTrips).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return new Result(all.Length / slices.Sum(s => s.Seconds), Percentile(0.50), Percentile(0.99), slices.Sum(s => s.Lost), slices.Sum(s => s.Bad));
    }

    private static Sample Measure(IPEndPoint server, int clients, TimeSpan duration, ReplyCheck check)
    {
        var time = TimeProvider.System;
        var samples = new List<double>[clients];
        var lost = new long[clients];
        var bad = new long[clients];
        var start = time.GetTimestamp();
        var threads = Enumerable.Range(0, clients).Select(i => new Thread(() =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(server);
            socket.ReceiveTimeout = 1000;
            var buffer = new byte[2048];
            var mine = new List<double>(1 << 16);
            while (time.GetElapsedTime(start) < duration)
            {
                var sent = time.GetTimestamp();
                socket.Send(Request);
                int n;
                try { n = socket.Receive(buffer); }
                catch (SocketException) { lost[i]++; continue; }
                mine.Add(time.GetElapsedTime(sent).TotalMicroseconds);
                if (!check(buffer.AsSpan(0, n))) bad[i]++;
            }
            samples[i] = mine;
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = time.GetElapsedTime(start).TotalSeconds;
        return new Sample([.. samples.SelectMany(s => s)], elapsed, lost.Sum(), bad.Sum());
    }

    /// <summary>The physical reference: a UDP socket that sends every datagram straight back, with the same async receive/send loop as the twin's server.</summary>
    private sealed class EchoServer : IAsyncDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

        public static EchoServer Start()
        {
            var server = new EchoServer();
            server._socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            server._loop = Task.Factory.StartNew(server.LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            return server;
        }

        private async Task LoopAsync()
        {
            var buffer = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
            var from = new SocketAddress(AddressFamily.InterNetwork);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var n = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, _stop.Token);
                    await _socket.SendToAsync(buffer.AsMemory(0, n), SocketFlags.None, from, _stop.Token);
                }
                catch (OperationCanceledException) { return; }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) { }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _socket.Dispose();
            try { await _loop; }
            catch (OperationCanceledException) { }
            _stop.Dispose();
        }
    }
}
