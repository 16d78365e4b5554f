namespace LocalModels.Errors;

/// <summary>
/// PowerShell-free twin of ErrorCategory, so the core never references System.Management.Automation.
/// The cmdlet layer maps each value to the ErrorCategory of the same name.
/// </summary>
public enum ErrorKind
{
    NotSpecified,
    ConnectionError,
    ObjectNotFound,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidResult,
    NotInstalled,
    NotImplemented,
    OperationStopped,
    OperationTimeout,
    PermissionDenied,
    ResourceExists,
    ResourceUnavailable,
    ProtocolError,
    ReadError,
    LimitsExceeded,
}
