namespace Foreman.Inputs.Http;

/// <summary>Raised from the connect callback when every address of a host is blocked; becomes a permanent input error.</summary>
internal sealed class BlockedAddressException(string message) : Exception(message);
