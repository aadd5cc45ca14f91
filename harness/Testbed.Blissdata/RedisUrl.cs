using System.Globalization;
using StackExchange.Redis;

namespace Testbed.Blissdata;

/// <summary>Turns <c>redis://host:port/db</c>, <c>host:port</c> or a StackExchange.Redis configuration string into options.</summary>
public static class RedisUrl
{
    private const string Expected = "write redis://host:port/db (e.g. redis://127.0.0.1:6379/0) or host:port";

    /// <summary>Why <paramref name="url"/> is not a Redis address, in the user's terms, or null when it is one.</summary>
    public static string? Problem(string? url)
    {
        try
        {
            Parse(url ?? "");
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>The same server (and credentials) with database <paramref name="db"/>, as a <c>redis://</c> URL.</summary>
    public static string WithDatabase(string url, int db)
    {
        var options = Parse(url);
        var n = db.ToString(CultureInfo.InvariantCulture);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return $"redis://{options.EndPoints[0]}/{n}";
        // The authority (credentials, host, port) as written; only the path changes.
        var rest = url[(scheme + 3)..];
        var end = rest.IndexOfAny(['/', '?']);
        return $"{url[..(scheme + 3)]}{(end < 0 ? rest : rest[..end])}/{n}";
    }

    /// <summary>The database a URL names (0 when it names none).</summary>
    public static int Database(string url) => Parse(url).DefaultDatabase ?? 0;

    /// <exception cref="ArgumentException">Not a Redis address; the message says what to write.</exception>
    public static ConfigurationOptions Parse(string url)
    {
        if (string.IsNullOrWhiteSpace(url)) throw new ArgumentException($"the Redis address is empty; {Expected}");
        ConfigurationOptions options;
        if (url.Contains("://", StringComparison.Ordinal))
        {
            var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)];
            if (scheme is not ("redis" or "rediss"))
                throw new ArgumentException($"'{url}' is not a Redis address: the scheme is '{scheme}://', not redis://; {Expected}");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
                throw new ArgumentException($"'{url}' is not a Redis address: no host after redis://; {Expected}");
            options = new ConfigurationOptions();
            options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0)
            {
                if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db))
                    throw new ArgumentException($"'{url}': the database '{path}' is not a number; {Expected}");
                options.DefaultDatabase = db;
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var parts = uri.UserInfo.Split(':', 2);
                if (parts.Length == 2) { options.User = parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null; options.Password = Uri.UnescapeDataString(parts[1]); }
                else options.Password = Uri.UnescapeDataString(parts[0]);
            }
            options.Ssl = uri.Scheme == "rediss";
        }
        else
        {
            if (url.StartsWith("redis:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rediss:", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{url}' is not a Redis address: two slashes must follow 'redis:'; {Expected}");
            if (url.Contains('/', StringComparison.Ordinal) || url.Contains(' ', StringComparison.Ordinal))
                throw new ArgumentException($"'{url}' is not a Redis address; {Expected}");
            try { options = ConfigurationOptions.Parse(url); }
            catch (ArgumentException) { throw new ArgumentException($"'{url}' is not a Redis address; {Expected}"); }
            if (options.EndPoints.Count == 0) throw new ArgumentException($"'{url}' names no host; {Expected}");
        }
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        // Commands issued while disconnected must fail at once: the publisher resends them itself, in order.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Max(options.ConnectTimeout, 5000);
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(100);
        return options;
    }
}
