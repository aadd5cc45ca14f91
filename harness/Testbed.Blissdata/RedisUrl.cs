using StackExchange.Redis;

namespace Testbed.Blissdata;

/// <summary>Turns <c>redis://host:port/db</c>, <c>host:port</c> or a StackExchange.Redis configuration string into options.</summary>
public static class RedisUrl
{
    public static ConfigurationOptions Parse(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
            throw new ArgumentException("empty Redis URL; give redis://host:port/db or host:port", nameof(url));
        ConfigurationOptions options;
        if (url.Contains("://"))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
                throw new ArgumentException($"cannot read Redis URL '{url}'; expected redis://host:port/db", nameof(url));
            options = new ConfigurationOptions();
            options.EndPoints.Add(uri.Host, uri.Port > 0 ? uri.Port : 6379);
            var path = uri.AbsolutePath.Trim('/');
            if (path.Length > 0)
            {
                if (!int.TryParse(path, out var db) || db < 0)
                    throw new ArgumentException($"Redis URL '{url}': database '{path}' is not a number", nameof(url));
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
            options = ConfigurationOptions.Parse(url);
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
