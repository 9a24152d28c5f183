using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CampaignConsole.Core.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ChannelNames = CampaignConsole.Core.Delivery.Channels;

namespace CampaignConsole.Core.Tests.Delivery.Channels;

public class PushSenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    private ServiceProvider Services(FakeFcm fcm, string? serviceAccount = null) => ChannelHost.Build(new()
    {
        ["Push:Fcm:BaseUrl"] = fcm.Server.BaseAddress.AbsoluteUri,
        ["Push:Fcm:ServiceAccountJson"] = serviceAccount ?? fcm.ServiceAccountJson,
    }, _time);

    private static OutgoingMessage Push(params string[] tokens) =>
        TestMessages.Create(ChannelNames.Push, "Your basket misses you", title: "Still thinking?", url: "https://shop.example/cart", tokens: tokens,
            data: new JsonObject { ["sku"] = "A1", ["price"] = 30, ["tags"] = new JsonArray("x") });

    [Fact]
    public async Task Signs_a_service_account_JWT_exchanges_it_and_sends_one_request_per_device()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("device-a", "device-b"), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal($"projects/{FakeFcm.ProjectId}/messages/device-a,projects/{FakeFcm.ProjectId}/messages/device-b", outcome.ProviderMessageId);
        var (header, claims, signatureValid) = Assert.Single(fcm.Assertions);
        Assert.True(signatureValid);
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal("key-1", header["kid"]!.GetValue<string>());
        Assert.Equal(FakeFcm.ClientEmail, claims["iss"]!.GetValue<string>());
        Assert.Equal("https://www.googleapis.com/auth/firebase.messaging", claims["scope"]!.GetValue<string>());
        Assert.Equal(fcm.Server.Url("/token"), claims["aud"]!.GetValue<string>());
        Assert.Equal(Now.ToUnixTimeSeconds(), claims["iat"]!.GetValue<long>());
        Assert.Equal(Now.ToUnixTimeSeconds() + 3600, claims["exp"]!.GetValue<long>());

        var sends = fcm.Sends.ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, s => Assert.Equal("Bearer ya29.token-1", s.Header("Authorization")));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"message":{"token":"device-a",
                  "notification":{"title":"Still thinking?","body":"Your basket misses you"},
                  "data":{"sku":"A1","price":"30","tags":"[\"x\"]","url":"https://shop.example/cart"},
                  "webpush":{"fcm_options":{"link":"https://shop.example/cart"}}}}
                """),
            JsonNode.Parse(sends[0].BodyText)), sends[0].BodyText);
        Assert.Equal("device-b", JsonNode.Parse(sends[1].BodyText)!["message"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_access_token_is_reused_until_shortly_before_it_expires()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);
        var sender = services.Sender(ChannelNames.Push);

        await sender.SendAsync(Push("device-a"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(50));
        await sender.SendAsync(Push("device-a"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(6));
        await sender.SendAsync(Push("device-a"), CancellationToken.None);

        Assert.Equal(2, fcm.Assertions.Count);
        Assert.Equal(["Bearer ya29.token-1", "Bearer ya29.token-1", "Bearer ya29.token-2"], fcm.Sends.Select(s => s.Header("Authorization")));
    }

    [Fact]
    public async Task The_service_account_can_be_a_file_path()
    {
        await using var fcm = await FakeFcm.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"sa-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, fcm.ServiceAccountJson);
        try
        {
            using var services = Services(fcm, serviceAccount: path);

            var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("device-a"), CancellationToken.None);

            Assert.Equal(SendStatus.Sent, outcome.Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unregistered_device_does_not_fail_the_delivery_when_another_device_accepts()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("device-a", "gone-device-b"), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Contains("sent to 1 of 2 devices", outcome.Detail);
        Assert.Contains("UNREGISTERED", outcome.Detail);
    }

    [Fact]
    public async Task All_devices_unregistered_is_permanent()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("gone-1", "gone-2"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("UNREGISTERED", outcome.Detail);
    }

    [Fact]
    public async Task A_retryable_device_makes_the_delivery_retryable_and_the_retry_skips_devices_already_reached()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);
        var sender = services.Sender(ChannelNames.Push);

        var first = await sender.SendAsync(Push("device-a", "flaky-b"), CancellationToken.None);
        var retry = await sender.SendAsync(Push("device-a", "flaky-b"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, first.Status);
        Assert.Contains("503", first.Detail);
        Assert.Equal(SendStatus.Sent, retry.Status);
        var tokens = fcm.Sends.Select(s => JsonNode.Parse(s.BodyText)!["message"]!["token"]!.GetValue<string>()).ToList();
        Assert.Equal(["device-a", "flaky-b", "flaky-b"], tokens);
    }

    [Fact]
    public async Task Quota_exceeded_is_retryable()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("throttled-a"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, outcome.Status);
        Assert.Contains("QUOTA_EXCEEDED", outcome.Detail);
    }

    [Fact]
    public async Task A_refused_access_token_is_dropped_and_a_new_one_fetched_on_retry()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);
        var sender = services.Sender(ChannelNames.Push);

        var first = await sender.SendAsync(Push("revoked-a"), CancellationToken.None);
        var retry = await sender.SendAsync(Push("revoked-a"), CancellationToken.None);

        Assert.Equal(SendStatus.RetryableFailure, first.Status);
        Assert.Equal(SendStatus.Sent, retry.Status);
        Assert.Equal(["Bearer ya29.token-1", "Bearer ya29.token-2"], fcm.Sends.Select(s => s.Header("Authorization")));
    }

    [Fact]
    public async Task A_key_the_token_endpoint_refuses_is_permanent()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var otherKey = RSA.Create(2048);
        var wrongKey = JsonNode.Parse(fcm.ServiceAccountJson)!;
        wrongKey["private_key"] = otherKey.ExportPkcs8PrivateKeyPem();
        using var services = Services(fcm, serviceAccount: wrongKey.ToJsonString());

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("device-a"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("invalid_grant", outcome.Detail);
        Assert.False(Assert.Single(fcm.Assertions).SignatureValid);
        Assert.Empty(fcm.Sends);
    }

    [Fact]
    public async Task A_static_access_token_is_sent_as_is_without_a_token_exchange()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = ChannelHost.Build(new()
        {
            ["Push:Fcm:BaseUrl"] = fcm.Server.BaseAddress.AbsoluteUri,
            ["Push:Fcm:ProjectId"] = FakeFcm.ProjectId,
            ["Push:Fcm:AccessToken"] = "static-token",
        });

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("device-a"), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal("Bearer static-token", Assert.Single(fcm.Sends).Header("Authorization"));
        Assert.Empty(fcm.Assertions);
    }

    [Fact]
    public async Task A_contact_without_push_tokens_fails_permanently()
    {
        await using var fcm = await FakeFcm.StartAsync();
        using var services = Services(fcm);

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push(), CancellationToken.None);

        Assert.Equal(new SendOutcome(SendStatus.PermanentFailure, "no push tokens"), outcome);
        Assert.Empty(fcm.Server.Requests);
    }

    [Fact]
    public async Task Without_credentials_sends_fail_permanently_naming_the_settings()
    {
        using var services = ChannelHost.Build([]);

        var outcome = await services.Sender(ChannelNames.Push).SendAsync(Push("device-a"), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, outcome.Status);
        Assert.Contains("push is not configured (Push:Fcm:ServiceAccountJson", outcome.Detail);
    }
}
