#pragma once

#include <optional>
#include <QString>
#include <QtGlobal>

namespace lb {

// Label hashes of rows the project file creates itself (docs/architecture.md §4.2). A copy, sync, snapshot or
// import creates thousands of rows at once; storing and indexing a random UUID for each would cost more than
// the row. Instead the label hash of such a row is computed from the operation that created it and its data
// unit: a UUID of version 8 (RFC 9562, "custom") whose bits are an invertible mix of both numbers under keys
// taken from the project hash. It is unique in the project (one row per operation and data unit), looks
// random, and leads back to its row without an index. Label hashes from elsewhere (Encord, an import) are
// never version 8 here: an imported version-8 hash is replaced by one of ours.
class LabelHashCodec
{
public:
    struct Origin
    {
        qint64 operationId = 0;
        qint64 dataUnitId = 0;
    };

    explicit LabelHashCodec(const QString &projectHash = QString());

    QString derive(qint64 operationId, qint64 dataUnitId) const;
    // A row's label hash: the stored one, or the one derived from its creator and data unit.
    QString rowLabelHash(const QString &stored, qint64 createdBy, qint64 dataUnitId) const
    {
        return stored.isEmpty() ? derive(createdBy, dataUnitId) : stored;
    }
    // The operation and data unit a derived label hash stands for; nothing for any other text.
    std::optional<Origin> decode(const QString &labelHash) const;
    // True for every version-8 UUID, ours or not: such a hash is never stored as given.
    static bool isVersion8(const QString &labelHash);

private:
    quint64 m_operationKey = 0;
    quint64 m_unitKey = 0;
};

} // namespace lb
