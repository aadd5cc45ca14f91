using System.Globalization;
using System.Net;

namespace Testbed.Fuzzing.Targets;

/// <summary>An HTTP handler that answers each request with the next reply of a script (<c>STATUS\nbody</c>); past the end, the connection is refused.</summary>
internal sealed class ScriptedHttpHandler(IReadOnlyList<byte[]> replies) : HttpMessageHandler
{
    private int _next;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_next >= replies.Count) throw new HttpRequestException("Connection refused (127.0.0.1:8081)");
        var reply = replies[_next++];
        var newline = Array.IndexOf(reply, (byte)'\n');
        var status = 200;
        var body = reply;
        if (newline is > 0 and <= 4 && int.TryParse(reply.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 100 and <= 599)
        {
            status = s;
            body = reply[(newline + 1)..];
        }
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body), RequestMessage = request };
        return Task.FromResult(response);
    }
}
