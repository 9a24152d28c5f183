using CampaignConsole.Core.Sources;

namespace CampaignConsole.Core.Tests.Sources;

public class ApiKeysTests
{
    // Expected values from `printf '%s' USER | openssl dgst -sha256 -hmac KEY`; the last is RFC 4231 test case 2.
    [Theory]
    [InlineData("sk_test_secret", "u1", "f2778c706f13c2ab9023758db1e58d08c94c441975d102043638e8c67dc9f7dd")]
    [InlineData("sk_live_0123456789", "user-42", "9c669bf7b70f0c6e081aa0f3fe4666dd484e0690ff81b398f0b8eb5dd28e4c4d")]
    [InlineData("Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void User_hash_is_lowercase_hex_hmac_sha256_of_the_user_id(string secret, string userId, string expected)
    {
        Assert.Equal(expected, ApiKeys.UserHash(secret, userId));
    }

    [Fact]
    public void Correct_hash_verifies_in_either_case()
    {
        const string hash = "f2778c706f13c2ab9023758db1e58d08c94c441975d102043638e8c67dc9f7dd";

        Assert.True(ApiKeys.VerifyUserHash("sk_test_secret", "u1", hash));
        Assert.True(ApiKeys.VerifyUserHash("sk_test_secret", "u1", hash.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("f2778c706f13c2ab9023758db1e58d08c94c441975d102043638e8c67dc9f7de")]
    [InlineData("f2778c706f13c2ab")]
    [InlineData("not hex at all")]
    public void Wrong_or_missing_hash_does_not_verify(string? hash)
    {
        Assert.False(ApiKeys.VerifyUserHash("sk_test_secret", "u1", hash));
    }

    [Fact]
    public void Hash_of_another_user_does_not_verify()
    {
        Assert.False(ApiKeys.VerifyUserHash("sk_test_secret", "u2", ApiKeys.UserHash("sk_test_secret", "u1")));
        Assert.False(ApiKeys.VerifyUserHash("sk_other", "u1", ApiKeys.UserHash("sk_test_secret", "u1")));
    }

    [Fact]
    public void New_keys_say_what_they_are_and_differ()
    {
        var write = ApiKeys.NewWriteKey();
        var secret = ApiKeys.NewSecretKey();

        Assert.Matches("^wk_[0-9a-f]{40}$", write);
        Assert.Matches("^sk_[0-9a-f]{40}$", secret);
        Assert.NotEqual(write, ApiKeys.NewWriteKey());
    }
}
