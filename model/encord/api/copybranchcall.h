#pragma once

#include "domain/result.h"

#include <nlohmann/json.hpp>
#include <QString>
#include <QStringList>

namespace lb {

class EncordClient;

// One request of Encord's server-side copy, `POST v2/public/projects/{p}/labels/copy-branch`, exactly as
// SDK 0.1.194 sends it (docs/encord-api.md §3.8): the label rows named are copied by Encord itself, their
// content never passes through the client.
struct CopyBranchCall
{
    QString sourceBranch;
    QString targetBranch;
    bool overwrite = false;
    QStringList labelHashes; // source rows, at most kMaxLabelHashes

    static constexpr int kMaxLabelHashes = 1000;

    // {"sourceBranchName", "targetBranchName", "overwrite", "labelUuids"}, in that order.
    nlohmann::ordered_json body() const;
};

struct CopyBranchAnswer
{
    bool endpointMissing = false; // 404 or 405: the deployment has no copy endpoint; nothing was copied
    int copiedCount = 0;          // rows Encord created or updated on the target
};

// Sends the call through `client` (signed and retried as every v2 call). A missing endpoint is an answer,
// not an error, so the caller can copy client-side instead.
Result<CopyBranchAnswer> sendCopyBranch(EncordClient &client, const CopyBranchCall &call);

} // namespace lb
