#include "encord/api/encordclient.h"

#include "domain/boundedjson.h"
#include "encord/api/encorderror.h"
#include "encord/api/pythonjson.h"

#include <map>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QSslSocket>
#include <QUuid>

namespace lb {

namespace {

QByteArray domainBase(const QUrl &domain)
{
    QByteArray base = domain.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toEncoded();
    while (base.endsWith('/'))
        base.chop(1);
    return base;
}

// An answer's JSON; *problem says why there is none ("is not valid JSON", "is nested more than …").
nlohmann::json parseJson(const QByteArray &body, QString *problem)
{
    bool tooDeep = false;
    nlohmann::json value = boundedjson::parseOrDiscard(body, &tooDeep);
    if (value.is_discarded())
        *problem =
            tooDeep ? QStringLiteral("is ") + boundedjson::tooDeep() : QStringLiteral("is not valid JSON");
    return value;
}

// {domain}/v2/public/{path}?{query}, the path percent-encoded except for its slashes.
QUrl v2Url(const QUrl &domain, const QString &path, const EncordQuery &query)
{
    QString relative = path;
    while (relative.startsWith(QLatin1Char('/')))
        relative.remove(0, 1);
    QByteArray encoded = domainBase(domain) + "/v2/public/" + QUrl::toPercentEncoding(relative, "/");
    while (encoded.endsWith('/'))
        encoded.chop(1);
    if (!query.isEmpty())
        encoded += '?' + query.encoded();
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

} // namespace

EncordClient::EncordClient(SshKey key, EncordClientSettings settings)
    : m_key(key), m_settings(std::move(settings)), m_signer(std::move(key)),
      m_domainCheck(checkDomain(m_settings.domain)), m_network(std::make_unique<QNetworkAccessManager>())
{
}

EncordClient::~EncordClient() = default;

Result<void> EncordClient::checkDomain(const QUrl &domain)
{
    if (!domain.isValid() || domain.host().isEmpty())
        return fail(QStringLiteral(
                        "the Encord domain \"%1\" is not a valid URL (expected e.g. https://api.encord.com)")
                        .arg(domain.toString()));
    const QString scheme = domain.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        if (!QSslSocket::supportsSsl())
            return fail(QStringLiteral(
                "this installation cannot make HTTPS connections (Qt's TLS backend is missing)"));
        return {};
    }
    if (scheme == QLatin1String("http")) {
        const QString host = domain.host();
        const bool loopback = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
                              QHostAddress(host).isLoopback();
        if (loopback)
            return {};
        return fail(
            QStringLiteral("the Encord domain must use https:// (%1 would send requests unencrypted; plain "
                           "http is only allowed for this computer, e.g. http://127.0.0.1)")
                .arg(domain.toString()));
    }
    return fail(
        QStringLiteral("the Encord domain must be an https:// URL, not \"%1\"").arg(domain.toString()));
}

QString EncordClient::shownTraceId(const QByteArray &traceHeader)
{
    // The header is "<trace id>/<span>;o=1"; Encord's support asks for the trace id alone.
    return QString::fromLatin1(traceHeader.left(traceHeader.indexOf('/')));
}

QByteArray EncordClient::newTraceId()
{
    return QUuid::createUuid().toByteArray(QUuid::Id128) + "/1;o=1";
}

HttpOutcome EncordClient::execute(const HttpRequestSpec &spec)
{
    EncordCall call(m_network.get(), spec, m_settings.retry, m_cancelFlag);
    QEventLoop loop;
    QObject::connect(&call, &EncordCall::finished, &loop, &QEventLoop::quit);
    call.start();
    // Called on the GUI thread, a click handled while waiting could close the project under this very call;
    // user input waits until the answer is in (timers and the network keep running).
    if (!call.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return call.outcome();
}

// Stopped on request, or any other way the answer did not arrive.
static ErrorKind transportErrorKind(const HttpOutcome &outcome)
{
    return outcome.kind == HttpOutcome::Kind::Cancelled ? ErrorKind::Cancelled : ErrorKind::Remote;
}

QString EncordClient::transportMessage(const HttpOutcome &outcome, const QString &operation) const
{
    const QString where = QString::fromLatin1(domainBase(m_settings.domain));
    const QString tries = outcome.attempts == 1 ? QStringLiteral("1 attempt")
                                                : QStringLiteral("%1 attempts").arg(outcome.attempts);
    switch (outcome.kind) {
    case HttpOutcome::Kind::ConnectFailure:
        return QStringLiteral("%1 failed: cannot connect to Encord at %2: %3 (%4)")
            .arg(operation, where, outcome.errorText, tries);
    case HttpOutcome::Kind::ReadFailure:
        return QStringLiteral(
                   "%1 failed: the connection to Encord at %2 broke before a complete answer: %3 (%4)")
            .arg(operation, where, outcome.errorText, tries);
    case HttpOutcome::Kind::Timeout:
        return QStringLiteral("%1 failed: Encord at %2 did not answer in time (%3; %4)")
            .arg(operation, where, outcome.errorText, tries);
    case HttpOutcome::Kind::TlsFailure:
        return QStringLiteral(
                   "%1 failed: the secure connection to %2 could not be established: %3. The server's "
                   "certificate is not trusted, so nothing was sent")
            .arg(operation, where, outcome.errorText);
    case HttpOutcome::Kind::Cancelled:
        return QStringLiteral("%1 cancelled").arg(operation);
    case HttpOutcome::Kind::Response:
        break;
    }
    return {};
}

// --- v2 -------------------------------------------------------------------------------------------------

Result<nlohmann::json> EncordClient::getProject()
{
    return v2Get(QStringLiteral("projects/") + m_settings.projectHash, EncordQuery(),
                 QStringLiteral("opening project %1").arg(m_settings.projectHash));
}

Result<nlohmann::json> EncordClient::getOntology(const QString &ontologyHash)
{
    return v2Get(QStringLiteral("ontologies/") + ontologyHash, EncordQuery(),
                 QStringLiteral("reading the project's ontology"));
}

Result<nlohmann::json> EncordClient::v2Get(const QString &path, const EncordQuery &query,
                                           const QString &operation)
{
    const QString what = operation.isEmpty() ? QStringLiteral("reading %1").arg(path) : operation;
    return v2Call("GET", path, query, QByteArray(), what, nullptr);
}

Result<nlohmann::json> EncordClient::v2Post(const QString &path, const nlohmann::ordered_json &body,
                                            const QString &operation, int *status)
{
    return v2Call("POST", path, EncordQuery(), PythonJson::dump(body), operation, status);
}

Result<nlohmann::json> EncordClient::v2Call(const QByteArray &method, const QString &path,
                                            const EncordQuery &query, const QByteArray &body,
                                            const QString &what, int *status)
{
    if (!m_domainCheck)
        return m_domainCheck.takeError();
    const QUrl url = v2Url(m_settings.domain, path, query);
    if (!url.isValid())
        return fail(QStringLiteral("%1 failed: cannot build a valid URL").arg(what));

    // Sign the request target exactly as the network layer will write it on the request line.
    const QByteArray target =
        url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    const V2Signature signature = m_signer.v2Sign(method, target, body);
    if (signature.signature.isEmpty())
        return fail(QStringLiteral("%1 failed: the request could not be signed").arg(what));
    const QByteArray traceId = newTraceId();

    HttpRequestSpec spec;
    spec.method = method;
    spec.url = url;
    spec.body = body;
    spec.retryable = true;
    spec.headers = {
        {"User-Agent", m_settings.userAgent},        {"X-Cloud-Trace-Context", traceId},
        {"Content-Digest", signature.contentDigest}, {"Signature-Input", signature.signatureInput},
        {"Signature", signature.signature},
    };
    if (!body.isEmpty())
        spec.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    const HttpOutcome outcome = execute(spec);
    if (status && outcome.kind == HttpOutcome::Kind::Response)
        *status = outcome.status;
    return interpretV2(outcome, what, traceId);
}

Result<nlohmann::json> EncordClient::interpretV2(const HttpOutcome &outcome, const QString &what,
                                                 const QByteArray &traceId) const
{
    if (outcome.kind != HttpOutcome::Kind::Response)
        return fail(transportErrorKind(outcome), transportMessage(outcome, what));

    EncordErrorContext context{m_key.publicKeyHex(), m_settings.projectHash, what, shownTraceId(traceId)};
    if (outcome.status == 204)
        return nlohmann::json();
    if (outcome.status != 200) {
        if (outcome.status >= 300 && outcome.status < 400)
            return fail(ErrorKind::Remote,
                        QStringLiteral("%1 failed: Encord redirected the request (HTTP %2); check the domain")
                            .arg(what)
                            .arg(outcome.status));
        QString message = EncordError::v2Message(outcome.status, outcome.body, context);
        if (outcome.attempts > 1)
            message += QStringLiteral(" (%1 attempts)").arg(outcome.attempts);
        return fail(ErrorKind::Remote, message);
    }
    QString problem;
    nlohmann::json value = parseJson(outcome.body, &problem);
    if (!problem.isEmpty())
        return fail(ErrorKind::Remote, QStringLiteral("%1 failed: Encord's answer %2 (%3 bytes)")
                                           .arg(what, problem)
                                           .arg(outcome.body.size()));
    return value;
}

// --- v1 -------------------------------------------------------------------------------------------------

HttpRequestSpec EncordClient::v1Spec(const V1Request &request, QByteArray *traceId) const
{
    const QByteArray body = request.body();
    *traceId = newTraceId();
    HttpRequestSpec spec;
    spec.method = "POST";
    spec.url = QUrl::fromEncoded(domainBase(m_settings.domain) + "/public", QUrl::StrictMode);
    spec.body = body;
    spec.retryable = request.retryable();
    // The SDK's order (docs/encord-api.md §1.2). Accept-Encoding is left to the network layer, which then
    // also decompresses.
    spec.headers = {
        {"Accept", "application/json"},
        {"Content-Type", "application/json"},
        {"ResourceType", "project"},
        {"ResourceID", m_settings.projectHash.toUtf8()},
        {"Authorization", m_signer.v1Authorization(body)},
        {"User-Agent", m_settings.userAgent},
        {"X-Cloud-Trace-Context", *traceId},
    };
    return spec;
}

EncordClient::V1Answer EncordClient::interpretV1(const HttpOutcome &outcome, const V1Request &request,
                                                 const QByteArray &traceId) const
{
    V1Answer answer;
    const QString what = request.description();
    if (outcome.kind != HttpOutcome::Kind::Response) {
        answer.message = transportMessage(outcome, what);
        answer.kind = transportErrorKind(outcome);
        return answer;
    }
    EncordErrorContext context{m_key.publicKeyHex(), m_settings.projectHash, what, shownTraceId(traceId)};
    if (outcome.status >= 300 && outcome.status < 400) {
        answer.message =
            QStringLiteral("%1 failed: Encord redirected the request (HTTP %2); check the domain")
                .arg(what)
                .arg(outcome.status);
        return answer;
    }
    QString problem;
    const nlohmann::json envelope = parseJson(outcome.body, &problem);
    const bool ok = problem.isEmpty();
    if (!ok || !envelope.is_object() || !envelope.contains("status")) {
        answer.rowLimit = outcome.status == 413;
        answer.message = unreadableAnswer(outcome, what, ok, traceId);
        return answer;
    }
    const nlohmann::json &status = envelope["status"];
    if (!status.is_number_integer() || status.get<int>() != 200)
        return v1Failure(envelope, context);
    const auto response = envelope.find("response");
    answer.ok = true;
    answer.response = response != envelope.end() ? *response : nlohmann::json();
    return answer;
}

QString EncordClient::unreadableAnswer(const HttpOutcome &outcome, const QString &what, bool isJson,
                                       const QByteArray &traceId)
{
    if (outcome.status != 200)
        return QStringLiteral("%1 failed: Encord's server answered HTTP %2 without a readable error "
                              "(%3) [trace %4]")
            .arg(what)
            .arg(outcome.status)
            .arg(outcome.attempts == 1 ? QStringLiteral("1 attempt")
                                       : QStringLiteral("%1 attempts").arg(outcome.attempts))
            .arg(shownTraceId(traceId));
    return QStringLiteral("%1 failed: Encord's answer is not a valid response (%2 bytes, %3)")
        .arg(what)
        .arg(outcome.body.size())
        .arg(isJson ? QStringLiteral("no status field") : QStringLiteral("not JSON"));
}

EncordClient::V1Answer EncordClient::v1Failure(const nlohmann::json &envelope,
                                               const EncordErrorContext &context)
{
    QString code;
    const auto response = envelope.find("response");
    if (response != envelope.end()) {
        if (response->is_array() && !response->empty() && response->front().is_string())
            code = QString::fromStdString(response->front().get<std::string>());
        else if (response->is_string())
            code = QString::fromStdString(response->get<std::string>());
    }
    const auto payloadIt = envelope.find("payload");
    const nlohmann::json payload = payloadIt != envelope.end() ? *payloadIt : nlohmann::json();
    V1Answer answer;
    answer.message = EncordError::v1Message(code, payload, context);
    if (code == QLatin1String("MULTI_LABEL_LIMIT_ERROR")) {
        answer.rowLimit = true;
        answer.maximumLabels = EncordError::maximumLabelsAllowed(payload);
    }
    return answer;
}

EncordClient::V1Answer EncordClient::runV1(const V1Request &request)
{
    if (!m_domainCheck) {
        V1Answer answer;
        answer.message = m_domainCheck.error();
        answer.kind = m_domainCheck.errorKind(); // a setting here, not a failure of Encord
        return answer;
    }
    QByteArray traceId;
    const HttpRequestSpec spec = v1Spec(request, &traceId);
    if (spec.headers.at(4).second.isEmpty()) {
        V1Answer answer;
        answer.message =
            QStringLiteral("%1 failed: the request could not be signed").arg(request.description());
        answer.kind = ErrorKind::Failed;
        return answer;
    }
    return interpretV1(execute(spec), request, traceId);
}

Result<nlohmann::json> EncordClient::splitAndRun(const V1Request &request, const V1Answer &first)
{
    const qsizetype count = request.uidCount();
    qsizetype chunk = first.maximumLabels > 0 ? first.maximumLabels : count / 2;
    if (chunk >= count)
        chunk = count / 2;
    if (chunk < 1)
        return fail(first.kind, first.message);
    nlohmann::json joined = nlohmann::json::array();
    for (qsizetype from = 0; from < count; from += chunk) {
        auto part = query(request.slice(from, std::min(chunk, count - from)));
        if (!part)
            return part.takeError();
        if (part->is_array()) {
            for (auto &element : part.value())
                joined.push_back(std::move(element));
        }
    }
    return joined;
}

Result<nlohmann::json> EncordClient::query(const V1Request &request)
{
    const V1Answer answer = runV1(request);
    if (answer.ok)
        return answer.response;
    if (answer.rowLimit && request.uidCount() > 1)
        return splitAndRun(request, answer);
    return fail(answer.kind, answer.message);
}

Result<nlohmann::json> EncordClient::listLabelRows(const LabelRowListFilter &filter)
{
    const V1Request request = V1Request::listLabelRows(filter);
    auto response = query(request);
    if (!response)
        return response;
    if (!response->is_array())
        return fail(ErrorKind::Remote,
                    QStringLiteral("listing label rows failed: Encord's answer is not a list"));
    return response;
}

Result<nlohmann::json> EncordClient::getLabelRows(const QStringList &labelHashes,
                                                  const LabelRowGetOptions &options)
{
    if (labelHashes.isEmpty())
        return nlohmann::json::array();
    auto response = query(V1Request::getLabelRows(labelHashes, options));
    if (!response)
        return response;
    if (!response->is_array())
        return fail(ErrorKind::Remote,
                    QStringLiteral("fetching label rows failed: Encord's answer is not a list"));
    return response;
}

// One getLabelRowBundles() call under way: the requests running (by their call), the bundles still to start,
// and the bundles the server found too large.
struct EncordClient::BundleRun
{
    struct Running
    {
        qsizetype index;
        V1Request request;
        QByteArray traceId;
        std::unique_ptr<EncordCall> call;
    };

    BundleRun(const QList<QStringList> &bundles, const LabelRowGetOptions &options,
              const std::function<void()> &bundleDone, QList<nlohmann::json> &results)
        : bundles(bundles), options(options), bundleDone(bundleDone), results(results)
    {
    }

    const QList<QStringList> &bundles;
    const LabelRowGetOptions &options;
    const std::function<void()> &bundleDone;
    QList<nlohmann::json> &results;
    std::map<EncordCall *, Running> running;
    QList<qsizetype> needSplit;
    qsizetype next = 0;
    QString failure;
    ErrorKind failureKind = ErrorKind::Remote;
    QEventLoop loop;
};

Result<QList<nlohmann::json>> EncordClient::getLabelRowBundles(const QList<QStringList> &bundles,
                                                               const LabelRowGetOptions &options,
                                                               const std::function<void(int, int)> &progress)
{
    QList<nlohmann::json> results(bundles.size());
    if (bundles.isEmpty())
        return results;
    if (!m_domainCheck)
        return m_domainCheck.takeError();

    int done = 0;
    const std::function<void()> bundleDone = [&done, &progress, &bundles] {
        ++done;
        if (progress)
            progress(done, int(bundles.size()));
    };
    BundleRun run(bundles, options, bundleDone, results);
    launchBundles(run);
    if (!run.running.empty())
        run.loop.exec(QEventLoop::ExcludeUserInputEvents); // as in execute()
    if (!run.failure.isEmpty())
        return fail(run.failureKind, run.failure);
    // Bundles the server found too large are fetched again in smaller requests, one after the other.
    for (const qsizetype index : std::as_const(run.needSplit)) {
        auto rows = getLabelRows(bundles[index], options);
        if (!rows)
            return rows.takeError();
        results[index] = rows.value();
        bundleDone();
    }
    return results;
}

void EncordClient::launchBundles(BundleRun &run)
{
    while (run.failure.isEmpty() && run.next < run.bundles.size() &&
           qsizetype(run.running.size()) < std::max(1, m_settings.maxConcurrentRequests)) {
        const qsizetype index = run.next++;
        if (run.bundles[index].isEmpty()) {
            run.results[index] = nlohmann::json::array();
            run.bundleDone();
            continue;
        }
        BundleRun::Running entry{index, V1Request::getLabelRows(run.bundles[index], run.options),
                                 QByteArray(), nullptr};
        const HttpRequestSpec spec = v1Spec(entry.request, &entry.traceId);
        entry.call = std::make_unique<EncordCall>(m_network.get(), spec, m_settings.retry, m_cancelFlag);
        EncordCall *call = entry.call.get();
        QObject::connect(
            call, &EncordCall::finished, call, [this, &run, call] { onBundleFinished(run, call); },
            Qt::QueuedConnection);
        run.running.emplace(call, std::move(entry));
        call->start();
    }
}

void EncordClient::onBundleFinished(BundleRun &run, EncordCall *call)
{
    auto it = run.running.find(call);
    if (it == run.running.end())
        return;
    const V1Answer answer = interpretV1(call->outcome(), it->second.request, it->second.traceId);
    const qsizetype index = it->second.index;
    const bool splittable = it->second.request.uidCount() > 1;
    // The call is deleted later: this runs inside its finished() signal.
    it->second.call.release()->deleteLater();
    run.running.erase(it);
    if (answer.ok && answer.response.is_array()) {
        run.results[index] = answer.response;
        run.bundleDone();
    } else if (!answer.ok && answer.rowLimit && splittable) {
        run.needSplit.append(index);
    } else if (run.failure.isEmpty()) {
        run.failureKind = answer.ok ? ErrorKind::Remote : answer.kind;
        run.failure = answer.ok ? QStringLiteral("fetching label rows failed: Encord's answer is not a list")
                                : answer.message;
        // The result is lost anyway: the other requests are abandoned instead of waited for.
        run.running.clear();
    }
    launchBundles(run);
    if (run.running.empty())
        run.loop.quit();
}

Result<nlohmann::json> EncordClient::createLabelRows(const QStringList &dataHashes, const QString &branchName)
{
    if (dataHashes.isEmpty())
        return nlohmann::json::array();
    auto response = query(V1Request::createLabelRows(dataHashes, branchName));
    if (!response)
        return response;
    if (!response->is_array())
        return fail(ErrorKind::Remote,
                    QStringLiteral("creating label rows failed: Encord's answer is not a list"));
    return response;
}

Result<void> EncordClient::saveLabelRows(const QStringList &labelHashes,
                                         const QList<nlohmann::ordered_json> &labels)
{
    if (labelHashes.size() != labels.size())
        return fail(QStringLiteral("saving label rows failed: %1 label hashes for %2 rows")
                        .arg(labelHashes.size())
                        .arg(labels.size()));
    if (labelHashes.isEmpty())
        return {};
    auto response = query(V1Request::saveLabelRows(labelHashes, labels));
    if (!response)
        return response.takeError();
    // The SDK's basic_setter: any non-null answer means saved.
    if (response->is_null())
        return fail(ErrorKind::Remote,
                    QStringLiteral("saving label rows failed: Encord did not confirm the save"));
    return {};
}

} // namespace lb
