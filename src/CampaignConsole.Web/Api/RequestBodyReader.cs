using System.Buffers;
using System.IO.Compression;

namespace CampaignConsole.Web.Api;

/// <summary>
/// Reads a request body into memory under a byte limit, inflating `Content-Encoding: gzip` first,
/// so the limit holds for the real payload and a small zip bomb cannot blow past it.
/// </summary>
internal static class RequestBodyReader
{
    public sealed record Body(byte[] Buffer, int Length, string? Error, bool TooLarge)
    {
        public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);
        public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
    }

    public static async Task<Body> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        var encoding = request.Headers.ContentEncoding.ToString();
        Stream stream = request.Body;
        if (encoding.Length > 0)
        {
            if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            else if (encoding.Equals("deflate", StringComparison.OrdinalIgnoreCase)) stream = new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            else if (!encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                return new Body([], 0, $"Content-Encoding '{encoding}' is not supported; send gzip or no encoding.", false);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and <= int.MaxValue && encoding.Length == 0
            ? (int)Math.Min(request.ContentLength.Value + 1, limit + 1) : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) break;
                length += read;
                if (length > limit)
                    return new Body(buffer, 0, $"The body is larger than {limit / 1024} KB.", true);
            }
            return new Body(buffer, length, null, false);
        }
        catch (InvalidDataException)
        {
            return new Body(buffer, 0, "The body is not valid gzip data.", false);
        }
        finally
        {
            if (!ReferenceEquals(stream, request.Body)) await stream.DisposeAsync();
        }
    }
}
