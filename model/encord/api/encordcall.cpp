#include "encord/api/encordcall.h"

#include <algorithm>
#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace lb {

namespace {

constexpr int CancelPollMs = 50;

bool isConnectError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

} // namespace

EncordCall::EncordCall(QNetworkAccessManager *network, HttpRequestSpec spec, RetryPolicy policy,
                       const std::atomic_bool *cancelFlag, QObject *parent)
    : QObject(parent), m_network(network), m_spec(std::move(spec)), m_policy(std::move(policy)),
      m_cancelFlag(cancelFlag)
{
    m_timeout.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_cancelPoll.setInterval(CancelPollMs);
    connect(&m_timeout, &QTimer::timeout, this, &EncordCall::onTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &EncordCall::sendAttempt);
    connect(&m_cancelPoll, &QTimer::timeout, this, &EncordCall::onCancelPoll);
}

EncordCall::~EncordCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

bool EncordCall::isRetryableStatus(int status)
{
    return status == 413 || status == 429 || status == 500 || status == 502 || status == 503;
}

void EncordCall::start()
{
    if (m_cancelFlag)
        m_cancelPoll.start();
    sendAttempt();
}

void EncordCall::sendAttempt()
{
    if (m_cancelFlag && m_cancelFlag->load()) {
        finish(HttpOutcome::Kind::Cancelled, QStringLiteral("cancelled"));
        return;
    }
    QNetworkRequest request(m_spec.url);
    for (const auto &header : m_spec.headers)
        request.setRawHeader(header.first, header.second);
    // A redirect would change the signed request target; it is reported instead of followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    ++m_outcome.attempts;
    m_timedOut = false;
    if (m_spec.method == "GET" && m_spec.body.isEmpty())
        m_reply = m_network->get(request);
    else if (m_spec.method == "POST")
        m_reply = m_network->post(request, m_spec.body);
    else
        m_reply = m_network->sendCustomRequest(request, m_spec.method, m_spec.body);

    // Like the read timeout of `requests`: the longest silence, not a deadline for the whole transfer.
    auto activity = [this] {
        if (m_timeout.isActive())
            m_timeout.start(m_policy.timeoutMs);
    };
    connect(m_reply, &QNetworkReply::downloadProgress, this, activity);
    connect(m_reply, &QNetworkReply::uploadProgress, this, activity);
    connect(m_reply, &QNetworkReply::finished, this, &EncordCall::onReplyFinished);
    m_timeout.start(m_policy.timeoutMs);
}

void EncordCall::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finishes the reply, which lands in onReplyFinished
}

void EncordCall::onCancelPoll()
{
    if (m_finished || !m_cancelFlag || !m_cancelFlag->load())
        return;
    finish(HttpOutcome::Kind::Cancelled, QStringLiteral("cancelled"));
}

int EncordCall::backoffDelay() const
{
    if (m_policy.backoffMs.isEmpty())
        return 0;
    const qsizetype index = std::min<qsizetype>(m_retriesDone, m_policy.backoffMs.size() - 1);
    return m_policy.backoffMs.at(index);
}

int EncordCall::parseRetryAfterMs(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? 0 : int(std::min<qint64>(seconds * 1000, std::numeric_limits<int>::max()));
    // The HTTP-date form: "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeSpec(Qt::UTC);
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(when);
    return ms < 0 ? 0 : int(std::min<qint64>(ms, std::numeric_limits<int>::max()));
}

void EncordCall::retryAfter(int delayMs)
{
    ++m_retriesDone;
    m_retryTimer.start(std::max(0, delayMs));
}

void EncordCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_timeout.stop();
    m_reply = nullptr;
    reply->deleteLater();

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttribute.isValid() && !m_timedOut)
        onHttpAnswer(reply, statusAttribute.toInt());
    else
        onNoAnswer(reply);
}

void EncordCall::onHttpAnswer(QNetworkReply *reply, int status)
{
    const QByteArray body = reply->readAll();
    if (isRetryableStatus(status) && m_spec.retryable && m_otherRetries < m_policy.maxRetries) {
        ++m_otherRetries;
        int delay = backoffDelay();
        // urllib3 honours Retry-After for these statuses only.
        if (status == 413 || status == 429 || status == 503) {
            const int retryAfterMs = parseRetryAfterMs(reply->rawHeader("Retry-After"));
            if (retryAfterMs >= 0)
                delay = std::min(retryAfterMs, m_policy.maxRetryAfterMs);
        }
        retryAfter(delay);
        return;
    }
    m_outcome.status = status;
    m_outcome.body = body;
    m_outcome.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString().toLatin1();
    finish(HttpOutcome::Kind::Response);
}

void EncordCall::onNoAnswer(QNetworkReply *reply)
{
    const QNetworkReply::NetworkError error = reply->error();
    const QString text = reply->errorString();
    if (m_timedOut) {
        if (m_spec.retryable && m_otherRetries < m_policy.maxRetries) {
            ++m_otherRetries;
            retryAfter(backoffDelay());
            return;
        }
        finish(HttpOutcome::Kind::Timeout,
               QStringLiteral("no answer for %1 s").arg(m_policy.timeoutMs / 1000.0));
        return;
    }
    if (error == QNetworkReply::SslHandshakeFailedError) {
        // Certificate problems are never retried or ignored: they mean the server is not who it claims to be.
        finish(HttpOutcome::Kind::TlsFailure, text);
        return;
    }
    if (isConnectError(error)) {
        if (m_connectRetries < m_policy.connectRetries) {
            ++m_connectRetries;
            retryAfter(backoffDelay());
            return;
        }
        finish(HttpOutcome::Kind::ConnectFailure, text);
        return;
    }
    if (m_spec.retryable && m_otherRetries < m_policy.maxRetries) {
        ++m_otherRetries;
        retryAfter(backoffDelay());
        return;
    }
    finish(HttpOutcome::Kind::ReadFailure, text);
}

void EncordCall::finish(HttpOutcome::Kind kind, const QString &errorText)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    m_retryTimer.stop();
    m_cancelPoll.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_outcome.kind = kind;
    m_outcome.errorText = errorText;
    Q_EMIT finished();
}

} // namespace lb
