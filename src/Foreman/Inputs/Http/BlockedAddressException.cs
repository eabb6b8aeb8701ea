namespace Foreman.Inputs.Http;

/// <summary>
/// Raised from the connect callback when the host can never be reached: every address it resolves to is blocked, or
/// it does not resolve at all. Becomes a permanent input error.
/// </summary>
internal sealed class BlockedAddressException(string message) : Exception(message);
