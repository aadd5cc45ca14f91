namespace Testbed.Bec;

/// <summary>The BEC release whose wire format (endpoints, messages, codec) this library speaks.</summary>
public static class BecWire
{
    public const string Version = "3.165.1";
}
