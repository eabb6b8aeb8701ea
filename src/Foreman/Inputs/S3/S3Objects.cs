using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs.S3;

/// <summary><see cref="IS3Objects"/> on the AWS SDK. The SDK's own retries are off: the input stage's Polly pipeline owns them.</summary>
internal sealed class S3Objects(IOptions<S3Options> options) : IS3Objects, IDisposable
{
    private readonly Lazy<AmazonS3Client> _client = new(() => CreateClient(options.Value));

    public async Task DownloadAsync(S3Location location, string path, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.Value.GetObjectAsync(location.Bucket, location.Key, cancellationToken);
            if (response.ContentLength > maxBytes) throw LimitedFile.TooLarge(location.ToString(), maxBytes);
            await LimitedFile.DownloadAsync(response.ResponseStream, path, maxBytes, location.ToString(), cancellationToken);
        }
        catch (AmazonServiceException e) when (IsPermanent(e.StatusCode))
        {
            throw new UnusableAudioException(e.StatusCode switch
            {
                HttpStatusCode.NotFound => $"{location} does not exist (404{Code(e)})",
                HttpStatusCode.Forbidden => $"access to {location} is denied (403{Code(e)}); check Foreman:S3 credentials and the bucket's policy",
                _ => $"{location} cannot be read: {(int)e.StatusCode}{Code(e)} {e.Message}",
            }, e);
        }
        catch (AmazonServiceException e)
        {
            throw new TransientInputException($"{location} could not be fetched: {(e.StatusCode == 0 ? "" : $"{(int)e.StatusCode}{Code(e)} ")}{e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AmazonClientException)
        {
            throw new TransientInputException($"{location} could not be fetched: {e.Message}", e);
        }
    }

    /// <summary>4xx answers other than timeouts and throttling will not change on a retry.</summary>
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static string Code(AmazonServiceException e) => string.IsNullOrEmpty(e.ErrorCode) ? "" : $" {e.ErrorCode}";

    /// <summary>The AWS SDK's switch for the EC2 instance metadata service (IMDS) in its default credential chain.</summary>
    internal const string ImdsDisabledVariable = "AWS_EC2_METADATA_DISABLED";

    private static AmazonS3Client CreateClient(S3Options settings)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            MaxErrorRetry = 0,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan, // the pipeline's per-try timeout applies instead
            // S3-compatible services (R2, MinIO, older servers) do not all speak the SDK's newer default checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrEmpty(settings.ServiceUrl))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }
        // Without this, a node outside EC2 with no credentials asks 169.254.169.254 on every fetch before it fails.
        if (!settings.UseInstanceMetadata) Environment.SetEnvironmentVariable(ImdsDisabledVariable, "true");
        if (settings.Anonymous) return new AmazonS3Client(new AnonymousAWSCredentials(), config);
        return string.IsNullOrEmpty(settings.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}
