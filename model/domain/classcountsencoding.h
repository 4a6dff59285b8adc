#pragma once

#include <QHash>
#include <QString>

namespace lb {

// Per-class object counts as one short text column ("featureHash:count;featureHash:count", sorted by
// feature hash). Listing and diffing read it for every row of a branch, so decoding must be cheaper than
// a join against a side table; '%', ':' and ';' inside a feature hash are percent-escaped.
QString encodeClassCounts(const QHash<QString, int> &counts);
QHash<QString, int> decodeClassCounts(const QString &text);

} // namespace lb
