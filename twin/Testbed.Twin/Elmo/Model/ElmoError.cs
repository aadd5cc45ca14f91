namespace Testbed.Twin.Elmo.Model;

/// <summary>Elmo interpreter error codes (the value <c>EC</c> returns after a failed command).</summary>
public enum ElmoError : byte
{
    None = 0,
    BadCommand = 2,
    BadIndex = 3,
    NoInterpreterMeaning = 5,
    ArrayIndexExpected = 16,
    EmptyAssign = 18,
    SyntaxError = 19,
    OperandOutOfRange = 21,
    ZeroDivision = 22,
    CannotBeAssigned = 23,
    NotValidWhileMoving = 25,
    OutOfLimit = 28,
    CommandNotSupported = 41,
    MotorCouldNotStart = 48,
    InhibitActive = 51,
    MotorMustBeOff = 57,
    MotorMustBeOn = 58,
    AmplifierNotReady = 66,
    HomingBusy = 71,
    BufferTooLarge = 77,
    NotPointToPointMode = 84,
    TooLongNumber = 110,
    ExecutableInExpression = 147,
    NothingInExpression = 148,
    ParenthesesMismatch = 151,
    BadOperandType = 152,
    NumericOverflow = 153,
    BadlyFormattedNumber = 162,
}
