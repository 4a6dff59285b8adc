#pragma once

#include <atomic>
#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace lb {

// How hard one request tries (docs/encord-api.md §2.5). The defaults are the SDK's; tests shrink the delays.
struct RetryPolicy
{
    int maxRetries = 3;     // status (413/429/500/502/503) and read retries, for retryable calls only
    int connectRetries = 3; // always, even for calls that are not retryable
    QList<int> backoffMs = {0, 3000, 6000}; // wait before retry 1, 2, 3, ... (the last repeats)
    int maxRetryAfterMs = 120000;           // a server's Retry-After is honoured up to this
    int timeoutMs = 180000;                 // longest silence while connecting or reading
};

struct HttpRequestSpec
{
    QByteArray method; // GET or POST
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool retryable = true;
};

struct HttpOutcome
{
    enum class Kind
    {
        Response,       // an HTTP response arrived (any status)
        ConnectFailure, // no connection could be made
        ReadFailure,    // the connection broke before a complete response
        Timeout,
        TlsFailure,
        Cancelled,
    };
    Kind kind = Kind::Response;
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QString errorText; // the network layer's words, for transport failures
    int attempts = 0;
};

// One HTTP exchange with Encord, including its retries; runs on the thread of its
// QNetworkAccessManager and reports through finished().
class EncordCall : public QObject
{
    Q_OBJECT
public:
    EncordCall(QNetworkAccessManager *network, HttpRequestSpec spec, RetryPolicy policy,
               const std::atomic_bool *cancelFlag, QObject *parent = nullptr);
    ~EncordCall() override;

    void start();
    bool isFinished() const { return m_finished; }
    const HttpOutcome &outcome() const { return m_outcome; }

    static bool isRetryableStatus(int status);

Q_SIGNALS:
    void finished();

private:
    void sendAttempt();
    void onReplyFinished();
    // An HTTP status arrived: the answer, or a retry for statuses worth one.
    void onHttpAnswer(QNetworkReply *reply, int status);
    // No answer (timeout, TLS, connection or read failure): a retry while the policy allows, else the
    // failure.
    void onNoAnswer(QNetworkReply *reply);
    void onTimeout();
    void onCancelPoll();
    void retryAfter(int delayMs);
    int backoffDelay() const;
    void finish(HttpOutcome::Kind kind, const QString &errorText = QString());
    static int parseRetryAfterMs(const QByteArray &value);

    QNetworkAccessManager *m_network;
    HttpRequestSpec m_spec;
    RetryPolicy m_policy;
    const std::atomic_bool *m_cancelFlag;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QTimer m_retryTimer;
    QTimer m_cancelPoll;
    HttpOutcome m_outcome;
    int m_retriesDone = 0;
    int m_connectRetries = 0;
    int m_otherRetries = 0;
    bool m_timedOut = false;
    bool m_finished = false;
};

} // namespace lb
