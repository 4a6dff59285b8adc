#include "encord/api/copybranchcall.h"

#include "encord/api/encordclient.h"

namespace lb {

nlohmann::ordered_json CopyBranchCall::body() const
{
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const QString &hash : labelHashes)
        labels.push_back(hash.toStdString());
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["sourceBranchName"] = sourceBranch.toStdString();
    out["targetBranchName"] = targetBranch.toStdString();
    out["overwrite"] = overwrite;
    out["labelUuids"] = std::move(labels);
    return out;
}

namespace {

// copiedCount, or copied_count: the DTO accepts both (docs/encord-api.md §2.4).
Result<int> copiedCountOf(const nlohmann::json &answer)
{
    for (const char *key : {"copiedCount", "copied_count"}) {
        if (answer.is_object() && answer.contains(key) && answer[key].is_number_integer())
            return int(answer[key].get<qint64>());
    }
    return fail(ErrorKind::Remote,
                QStringLiteral("copying on Encord failed: its answer has no copiedCount (%1)")
                    .arg(QString::fromStdString(answer.dump()).left(200)));
}

} // namespace

Result<CopyBranchAnswer> sendCopyBranch(EncordClient &client, const CopyBranchCall &call)
{
    if (call.labelHashes.isEmpty() || call.labelHashes.size() > CopyBranchCall::kMaxLabelHashes)
        return fail(ErrorKind::Usage, QStringLiteral("a copy request names 1 to %1 label rows, not %2")
                                          .arg(CopyBranchCall::kMaxLabelHashes)
                                          .arg(call.labelHashes.size()));
    const QString path = QStringLiteral("projects/%1/labels/copy-branch").arg(client.settings().projectHash);
    const QString what = QStringLiteral("copying %1 label rows from %2 to %3 on Encord")
                             .arg(call.labelHashes.size())
                             .arg(call.sourceBranch, call.targetBranch);
    int status = 0;
    const Result<nlohmann::json> answer = client.v2Post(path, call.body(), what, &status);
    CopyBranchAnswer out;
    if (!answer) {
        if (status == 404 || status == 405) {
            out.endpointMissing = true;
            return out;
        }
        return answer.takeError();
    }
    const Result<int> copied = copiedCountOf(answer.value());
    if (!copied)
        return copied.takeError();
    out.copiedCount = copied.value();
    return out;
}

} // namespace lb
