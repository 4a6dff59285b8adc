#include "encord/api/encordquery.h"
#include "encord/api/pythonjson.h"
#include "encord/api/requestsigner.h"
#include "encord/api/v1request.h"
#include "encord/ssh/bcryptpbkdf.h"
#include "encord/ssh/eksblowfish.h"
#include "encord/ssh/sshkey.h"

#include <QtTest>

#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/blowfish.h>
#include <openssl/evp.h>

using namespace lb;

namespace {

// docs/encord-api.md, Appendix A.
const QByteArray AppendixAKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUx\n"
                      "OQAAACDXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGgAAAIgQ/DM4EPwzOAAAAAtzc2gt\n"
                      "ZWQyNTUxOQAAACDXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGgAAAECdYbGd7/1aYLqE\n"
                      "SvSS7CzEREnFaXsyaRlwO6wDHK5/YNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1EaAAAA\n"
                      "AAECAwQF\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");
const QString AppendixAPublicHex =
    QStringLiteral("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const QByteArray ProjectHash = QByteArrayLiteral("00000000-0000-4000-8000-000000000001");
constexpr qint64 FrozenNow = 1735689630;

// Written by ssh-keygen with passphrase "correct horse" (aes256-ctr + bcrypt, 16 rounds).
const QByteArray EncryptedCtrKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDJw6Fxvj\n"
                      "EIBjRpmVyPqMnXAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIC+X8OS7gQxFVdZP\n"
                      "Z7JnrFvl8d/QxntBQPwlvGTdTt3LAAAAkO5f82vY9ixco3YS4HvZaYbnQnGDS2JAyh3Nx9\n"
                      "bruc7KRmG9TQDYc9UXw+Vk3h9SMQFPAUv4ab/qbi4AWODsHlzn+azb0aNyC37qbEA9TNo9\n"
                      "u2Cp99Uzf8iuQivW8vmLHWdWMP89N51qhBWEbTI2EwRgBXNiIxJojuK4BQygfTnadEV4L8\n"
                      "0HC2dqNu7oJDsLIg==\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");
const QString EncryptedCtrPublicHex =
    QStringLiteral("2f97f0e4bb810c4555d64f67b267ac5be5f1dfd0c67b4140fc25bc64dd4eddcb");

// Written by ssh-keygen with passphrase "gcm pass" and -Z aes256-gcm@openssh.com.
const QByteArray EncryptedGcmKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAAFmFlczI1Ni1nY21Ab3BlbnNzaC5jb20AAAAGYmNyeXB0AA\n"
                      "AAGAAAABBzupNkfUlCISq/Fw2qSZ85AAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAA\n"
                      "ILYa1Cc7I+jekaoWmCYmtEX6+OFwJxFG4YG89eJ9K21CAAAAkMXhXIeR80YiCNnW4rMnWv\n"
                      "f09HFTHToBpcv2JKJFRVxvja/wnwoKPDLzWqZ6asPyy6zVN6WcMG1v0ljnjSEggm1kOSre\n"
                      "kloZ9H9DDI+i+yJl4NZkH0vioWTcHRJ1IEcfPlVT1OVo5ld2eypUfLNNvWfH3qC9W8oZBK\n"
                      "SbVJtMW/tMQMG06klRRcbijBtQGCwGBNKkVhYU2j6K+fy41deXus4=\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");
const QString EncryptedGcmPublicHex =
    QStringLiteral("b61ad4273b23e8de91aa16982626b445faf8e170271146e181bcf5e27d2b6d42");

RequestSigner frozenSigner()
{
    auto key = SshKey::fromText(AppendixAKey);
    if (!key)
        qFatal("Appendix A key does not load: %s", qPrintable(key.error()));
    RequestSigner signer(key.value());
    signer.setClock([] { return FrozenNow; });
    return signer;
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

const QByteArray ExpectedSignatureParams = QByteArrayLiteral(
    "(\"@method\" \"@request-target\" \"content-digest\");created=1735689600;"
    "keyid=\"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\";alg=\"ed25519\"");
const QByteArray EmptyDigest = QByteArrayLiteral("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");

} // namespace

class TestEncordSigning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesAppendixAKey()
    {
        auto key = SshKey::fromText(AppendixAKey);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        QCOMPARE(key->publicKeyHex(), AppendixAPublicHex);
        QCOMPARE(key->publicKey().size(), 32);
        QVERIFY(key->warning().isEmpty());

        // The same key built from the RFC 8032 seed signs identically (Ed25519 is deterministic).
        auto fromSeed = SshKey::fromSeed(
            QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        QVERIFY(fromSeed.ok());
        QCOMPARE(fromSeed->publicKeyHex(), AppendixAPublicHex);
        QCOMPARE(fromSeed->sign("abc").toHex(), key->sign("abc").toHex());
        // RFC 8032 test 1: the empty message.
        QCOMPARE(
            key->sign(QByteArray()).toHex(),
            QByteArrayLiteral(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
                "1cf9b46bd25bf5f0595bbe24655141438e7a100b"));
    }

    void v1BodyIsTheSdkBytes()
    {
        const V1Request request =
            V1Request::getLabelRows({QStringLiteral("11111111-1111-4111-8111-111111111111")}, {});
        const QByteArray expected = QByteArrayLiteral(
            "{\"query_type\": \"labelrow\", \"query_method\": \"GET\", \"values\": {\"uid\": "
            "[\"11111111-1111-4111-8111-111111111111\"], \"payload\": {\"get_signed_url\": false, "
            "\"multi_request\": "
            "true, \"include_object_feature_hashes\": null, \"include_classification_feature_hashes\": null, "
            "\"include_reviews\": false, \"include_export_history\": false, \"include_archived\": false}}}");
        QCOMPARE(request.body(), expected);
        QCOMPARE(request.body().size(), 343);
        QCOMPARE(sha256Hex(request.body()),
                 QByteArrayLiteral("97ffe3fa981ecff544147fd53f59ba17af539f25b8947307384bd314fb3835c8"));
        QVERIFY(request.retryable());
    }

    void v1AuthorizationMatchesVector()
    {
        const RequestSigner signer = frozenSigner();
        const QByteArray body =
            V1Request::getLabelRows({QStringLiteral("11111111-1111-4111-8111-111111111111")}, {}).body();
        QCOMPARE(signer.v1Authorization(body),
                 QByteArrayLiteral(
                     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a:"
                     "9a80492f139da0e4eb3bcfa4c8610dd69c49e739fb7f93c57bc389c178c0e8e348c756fa4d6629303f77"
                     "1d85ce0048460a1cc7e2098e5a7d87cecc4fcd329f08"));
        QCOMPARE(signer.v1Authorization(body).size(), 64 + 1 + 128);
    }

    void v2GetWithoutQuery()
    {
        const RequestSigner signer = frozenSigner();
        const V2Signature sig = signer.v2Sign("GET", "/v2/public/projects/" + ProjectHash, QByteArray());
        const QByteArray expectedBase = "\"@method\": GET\n\"@request-target\": /v2/public/projects/" +
                                        ProjectHash + "\n\"content-digest\": " + EmptyDigest +
                                        "\n\"@signature-params\": " + ExpectedSignatureParams;
        QCOMPARE(sig.signatureBase, expectedBase);
        QCOMPARE(sig.signatureBase.size(), 337);
        QCOMPARE(sig.contentDigest, EmptyDigest);
        QCOMPARE(sig.signatureInput, "encord-sig=" + ExpectedSignatureParams);
        QCOMPARE(sig.signature,
                 QByteArrayLiteral(
                     "encord-sig=:GogzQJATMZWHq5RJB4oCLlS1A+RAzB6pRM7GaFaDc4IAnoIEVTlUab37rUK6BB0EiAnIZjaDM"
                     "jvoD1bMR9pNCQ==:"));
    }

    void v2GetWithQuery()
    {
        EncordQuery query;
        query.add(QStringLiteral("titleLike"), QStringLiteral("%cars%"))
            .addBool(QStringLiteral("includeOrgAccess"), true);
        QCOMPARE(query.encoded(), QByteArrayLiteral("titleLike=%25cars%25&includeOrgAccess=True"));
        const QByteArray target = "/v2/public/projects?" + query.encoded();

        // What is signed must be what the network stack puts on the request line.
        const QUrl url = QUrl::fromEncoded("https://api.encord.com" + target, QUrl::StrictMode);
        QCOMPARE(url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority), target);

        const V2Signature sig = frozenSigner().v2Sign("GET", target, QByteArray());
        QCOMPARE(sig.signatureBase, "\"@method\": GET\n\"@request-target\": " + target +
                                        "\n\"content-digest\": " + EmptyDigest +
                                        "\n\"@signature-params\": " + ExpectedSignatureParams);
        QCOMPARE(sig.signature,
                 QByteArrayLiteral(
                     "encord-sig=:MgKt2U7mlNKCHjG4X1tpPniXN33BFk6HoRbN0oOi8HMLsayICdrs/W8nCnaNoDL7cz2aqya/m"
                     "l70DcHFrhsZAw==:"));
    }

    void v2PostWithBody()
    {
        nlohmann::ordered_json body = nlohmann::ordered_json::object();
        body["priorities"] = nlohmann::ordered_json::array(
            {nlohmann::ordered_json::array({"22222222-2222-4222-8222-222222222222", 0.5})});
        const QByteArray bytes = PythonJson::dump(body);
        QCOMPARE(bytes,
                 QByteArrayLiteral("{\"priorities\": [[\"22222222-2222-4222-8222-222222222222\", 0.5]]}"));
        QCOMPARE(bytes.size(), 63);

        const V2Signature sig =
            frozenSigner().v2Sign("post", "/v2/public/projects/" + ProjectHash + "/priorities", bytes);
        QCOMPARE(sig.contentDigest,
                 QByteArrayLiteral("sha-256=:byorGO/3YFP7Qmq+aMZYcEPgEF1XII/L0y6y6+GkBQA=:"));
        QVERIFY(sig.signatureBase.startsWith("\"@method\": POST\n"));
        QCOMPARE(sig.signature,
                 QByteArrayLiteral(
                     "encord-sig=:kWtBN75waUIUPjoRD0qOegVhmacCw01/5KjwEDZrow8hxVwAKCbZ5foA7TgKIfqdMYJfYduEL"
                     "LPQkFWtP8bSDw==:"));
    }

    void createdFollowsTheClock()
    {
        RequestSigner signer = frozenSigner();
        signer.setClock([] { return qint64(2000000000); });
        const V2Signature sig = signer.v2Sign("GET", "/v2/public/x", QByteArray());
        QVERIFY(sig.signatureInput.contains(";created=1999999970;"));
        // Without an injected clock, created is "now - 30".
        RequestSigner real(signer.key());
        const qint64 before = QDateTime::currentSecsSinceEpoch() - 30;
        const QByteArray input = real.v2Sign("GET", "/v2/public/x", QByteArray()).signatureInput;
        const qint64 after = QDateTime::currentSecsSinceEpoch() - 30;
        const qsizetype at = input.indexOf("created=") + 8;
        const qint64 created = input.mid(at, input.indexOf(';', at) - at).toLongLong();
        QVERIFY(created >= before && created <= after);
    }

    void pythonJsonEscapesLikeJsonDumps()
    {
        nlohmann::ordered_json value = nlohmann::ordered_json::object();
        value["title"] = "caf\xc3\xa9 \xf0\x9f\x90\x88 \"q\" \\ /\n";
        value["n"] = 1.0;
        value["i"] = 3;
        value["empty"] = nlohmann::ordered_json::object();
        value["list"] = nlohmann::ordered_json::array();
        QCOMPARE(PythonJson::dump(value),
                 QByteArrayLiteral(
                     "{\"title\": \"caf\\u00e9 \\ud83d\\udc08 \\\"q\\\" \\\\ /\\n\", \"n\": 1.0, \"i\": 3, "
                     "\"empty\": {}, \"list\": []}"));
    }

    void queryEncodingFollowsQuotePlus()
    {
        EncordQuery query;
        query.add(QStringLiteral("labelHashes"), QStringList{QStringLiteral("a b"), QStringLiteral("c+d/é")});
        query.addBool(QStringLiteral("flag"), false);
        query.addTime(QStringLiteral("time"),
                      QDateTime(QDate(2024, 2, 1), QTime(1, 2, 3), Qt::OffsetFromUTC, 3600));
        QCOMPARE(query.encoded(), QByteArrayLiteral("labelHashes=a+b&labelHashes=c%2Bd%2F%C3%A9&flag=False&"
                                                    "time=2024-02-01T01%3A02%3A03%2B01%3A00"));
    }

    void blowfishInitialStateIsPi()
    {
        EksBlowfish state;
        QCOMPARE(state.state()[0], 0x243F6A88u);
        QCOMPARE(state.state()[1], 0x85A308D3u);
        QCOMPARE(state.state()[17], 0x8979FB1Bu);   // last P word
        QCOMPARE(state.state()[18], 0xD1310BA6u);   // first S-box word
        QCOMPARE(state.state()[1041], 0x3AC372E6u); // last S-box word
    }

    void blowfishKeyScheduleMatchesOpenSsl()
    {
        // On the initial state, expand0State is the standard key schedule, so it must give OpenSSL's state.
        const QByteArray key = QByteArrayLiteral("a key for the schedule");
        EksBlowfish ours;
        ours.expand0State(key);
        BF_KEY theirs;
        BF_set_key(&theirs, int(key.size()), reinterpret_cast<const unsigned char *>(key.constData()));
        QVERIFY(std::memcmp(ours.state().data(), &theirs, sizeof(theirs)) == 0);

        // Classic test vector: zero key, zero block.
        EksBlowfish zero;
        zero.expand0State(QByteArray(8, '\0'));
        uint32_t left = 0;
        uint32_t right = 0;
        zero.encryptBlock(&left, &right);
        QCOMPARE(left, 0x4EF99745u);
        QCOMPARE(right, 0x6198DD78u);
    }

    void bcryptPbkdfRejectsNonsense()
    {
        QVERIFY(!BcryptPbkdf::derive(QByteArray(), "salt", 16, 48).ok());
        QVERIFY(!BcryptPbkdf::derive("pw", QByteArray(), 16, 48).ok());
        QVERIFY(!BcryptPbkdf::derive("pw", "salt", 0, 48).ok());
        auto a = BcryptPbkdf::derive("pw", "salt", 2, 48);
        auto b = BcryptPbkdf::derive("pw", "salt", 2, 48);
        auto c = BcryptPbkdf::derive("pw", "salu", 2, 48);
        QVERIFY(a.ok() && b.ok() && c.ok());
        QCOMPARE(a->size(), 48);
        QCOMPARE(a.value(), b.value());
        QVERIFY(a.value() != c.value());
    }

    void decryptsSshKeygenKeys()
    {
        // ssh-keygen's own files: decrypting them proves bcrypt_pbkdf and the ciphers byte for byte.
        auto ctr = SshKey::fromText(EncryptedCtrKey, "correct horse");
        QVERIFY2(ctr.ok(), qPrintable(ctr.error()));
        QCOMPARE(ctr->publicKeyHex(), EncryptedCtrPublicHex);

        auto gcm = SshKey::fromText(EncryptedGcmKey, "gcm pass");
        QVERIFY2(gcm.ok(), qPrintable(gcm.error()));
        QCOMPARE(gcm->publicKeyHex(), EncryptedGcmPublicHex);

        auto wrong = SshKey::fromText(EncryptedCtrKey, "battery staple");
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().contains(QStringLiteral("wrong passphrase")), qPrintable(wrong.error()));
        auto wrongGcm = SshKey::fromText(EncryptedGcmKey, "correct horse");
        QVERIFY(!wrongGcm.ok());
        QVERIFY2(wrongGcm.error().contains(QStringLiteral("wrong passphrase")), qPrintable(wrongGcm.error()));
    }
};

QTEST_GUILESS_MAIN(TestEncordSigning)
#include "tst_encord_signing.moc"
