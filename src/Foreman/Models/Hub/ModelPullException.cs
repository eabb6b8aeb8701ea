namespace Foreman.Models.Hub;

/// <summary>Why a pull did not install a model.</summary>
public enum PullFailure
{
    /// <summary>The repository, revision or a required file is not on the hub.</summary>
    NotFound,
    /// <summary>The hub wants a token (private or gated repository), or refused the one given.</summary>
    Unauthorized,
    /// <summary>Not started: the local model exists, is in use, or is being pulled already.</summary>
    Refused,
    /// <summary>The transfer broke off more often than allowed; the partial files are kept so the next pull resumes.</summary>
    Interrupted,
    /// <summary>A file does not match the size or sha256 the hub published.</summary>
    Integrity,
    /// <summary>The files arrived intact but are not a wav2vec2 CTC model Foreman can run.</summary>
    InvalidModel,
}

/// <summary>A pull that failed or was refused; the message says why in words for the user.</summary>
public sealed class ModelPullException(PullFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public PullFailure Failure { get; } = failure;
}
