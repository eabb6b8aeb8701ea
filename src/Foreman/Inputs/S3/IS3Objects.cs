
namespace Foreman.Inputs.S3;

/// <summary>Reads objects from S3 or an S3-compatible service. The only door to the AWS SDK.</summary>
public interface IS3Objects
{
    /// <summary>Streams the object to <paramref name="path"/>.</summary>
    /// <exception cref="UnusableAudioException">The object does not exist, access is denied, or it is too large (permanent).</exception>
    /// <exception cref="TransientInputException">Throttling, a 5xx or a failed connection: a later try may work.</exception>
    Task DownloadAsync(S3Location location, string path, long maxBytes, CancellationToken cancellationToken);
}
