namespace Testbed.Twin.Elmo.Model;

/// <summary>Which firmware family the twin imitates; it decides the SR and IP bit layouts and the VR text.</summary>
public enum ElmoPersonality
{
    /// <summary>Gold line (BLISS <c>elmo</c> class): motion in SR bit 7, FLS/RLS in IP bits 6/7.</summary>
    Gold,

    /// <summary>SimplIQ line (BLISS <c>Elmo_whistle</c> class): UM in SR bits 7-9, MS in bits 14-15, FLS/RLS in IP bits 10/11.</summary>
    SimplIq,
}
