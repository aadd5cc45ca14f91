using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Keithley;

/// <summary>An independent client: Debian's pyserial opens the twin's pty path and its rfc2217:// url and queries *IDN? and READ?.</summary>
[TestFixture]
public sealed class PyserialClientTests
{
    private const string Script = """
        import sys, serial
        url = sys.argv[1]
        port = serial.serial_for_url(url, baudrate=38400, timeout=3) if "://" in url else serial.Serial(url, 38400, timeout=3)
        for command in (b"*IDN?\n", b"*RST\n*OPC?\n", b"SYST:ZCH OFF\n", b"READ?\n"):
            port.write(command)
            if command.endswith(b"?\n"):
                print(port.readline().decode("ascii").strip())
        port.close()
        """;

    [TestCase("run/keithley1", TestName = "pyserial on the pty path")]
    [TestCase("rfc2217://127.0.0.1:{port}", TestName = "pyserial rfc2217:// client")]
    public async Task PyserialQueriesTheTwin(string url)
    {
        var python = ExternalTool.RequirePython("serial", "python3-serial");
        await using var beamline = await KeithleyBeamline.StartAsync(url);
        var target = url.Contains("://", StringComparison.Ordinal) ? beamline.Endpoint.Address : beamline.Endpoint.Pty!.LinkPath;
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", Script, target], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.EqualTo(0), stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485,"));
        Assert.That(lines[1], Is.EqualTo("1"));
        var reading = double.Parse(lines[2].Split(',')[0].TrimEnd('A'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(reading, Is.EqualTo(2.5e-9).Within(1e-11));
    }
}
