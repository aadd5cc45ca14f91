namespace Testbed.Blissdata;

/// <summary>Values of <c>info.end_reason</c> written at close (§5.4).</summary>
public static class EndReason
{
    public const string Success = "SUCCESS";
    public const string Failure = "FAILURE";
    public const string UserAbort = "USER_ABORT";
    public const string Deletion = "DELETION";
}
