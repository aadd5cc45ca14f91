using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Elmo.Protocol;

/// <summary>A query result: an integer, a text (VR), or an error code.</summary>
internal readonly record struct ElmoValue(long Number, string? Text = null, ElmoError Error = ElmoError.None)
{
    public static implicit operator ElmoValue(long number) => new(number);

    public static ElmoValue Fail(ElmoError error) => new(0, null, error);

    public static ElmoValue Of(string text) => new(0, text);
}
