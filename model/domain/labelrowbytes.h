#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lb {

// The fields of a label row that the row decides rather than its content: a content is shared by every row
// that has it (copies move it untouched), so its JSON may carry another row's identity.
struct LabelRowIdentity
{
    QString labelHash;
    QString branchName;
    QString labelStatus;
    QDateTime createdAt;
    QDateTime lastEditedAt;
};

// A stored label-row JSON written out with a row's identity, without building a LabelRowDocument: an export
// of a hundred thousand rows then costs about as much as copying their bytes. The result is the bytes
// LabelRowDocument::toBytes() gives after the document's identity setters (setLabelHash, setBranchName,
// setLabelStatus, setTimestamps) for JSON in the compact, key-sorted form toBytes() writes; any other JSON
// is parsed and written again, which gives the same.
class LabelRowBytes
{
public:
    static Result<QByteArray> withIdentity(const QByteArray &json, const LabelRowIdentity &identity);
};

} // namespace lb
