using Microsoft.Extensions.Logging;

namespace Testbed.Demo;

/// <summary>Log records as one line each, handed to <paramref name="sink"/> (a view, stderr): no category, no stack trace.</summary>
public sealed class LineLoggerProvider(Action<LogLevel, string> sink, LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    public static ILoggerFactory Factory(Action<LogLevel, string> sink, LogLevel minimum = LogLevel.Warning) =>
        LoggerFactory.Create(b => b.SetMinimumLevel(minimum).AddProvider(new LineLoggerProvider(sink, minimum)));

    public ILogger CreateLogger(string categoryName) => new Logger(sink, minimum);

    public void Dispose() { }

    private sealed class Logger(Action<LogLevel, string> sink, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = formatter(state, exception).ReplaceLineEndings(" ");
            sink(logLevel, exception is null ? text : $"{text} ({exception.Message.ReplaceLineEndings(" ")})");
        }
    }
}
