#pragma once

#include "enginefixture.h"

#include <QHash>

// Annotators' edits of the test project's rows (tests/enginefixture.h): object k of unit i is "o<i>k<k>",
// an image box whose x the edits move.

namespace lb::test {

inline QString objectHash(int unit, int k)
{
    return QStringLiteral("o%1k%2").arg(unit).arg(k);
}

// The row of unit `i` on `branch` as stored.
inline LabelRowDocument stored(Store &store, const QString &branch, int i)
{
    for (const LabelRowSummary &row : rowsOn(store, branch)) {
        if (row.dataHash == unitHash(i)) {
            Result<QList<LabelRowDocument>> docs = store.fetchContents(branch, {row.labelHash});
            if (!docs)
                qFatal("cannot read row: %s", qPrintable(docs.error()));
            return docs->first();
        }
    }
    qFatal("unit %d has no row on %s", i, qPrintable(branch));
}

// Moves object k of unit i on `branch` to x, as an annotator's edit (outside any operation).
inline void moveObject(Store &store, const QString &branch, int i, int k, double x)
{
    nlohmann::json row = stored(store, branch, i).json();
    for (nlohmann::json &object : row["data_units"][unitHash(i).toStdString()]["labels"]["objects"]) {
        if (object["objectHash"] == objectHash(i, k).toStdString())
            object["boundingBox"]["x"] = x;
    }
    const Result<CopyBatchResult> written =
        store.writeRows(0, branch, {LabelRowDocument::fromJson(row).value()}, true);
    if (!written)
        qFatal("cannot edit: %s", qPrintable(written.error()));
}

// The x of the object's box in the row; -1 when the row has no such object.
inline double xOf(const LabelRowDocument &row, const QString &hash)
{
    for (const ObjectAnnotation &object : row.objects()) {
        if (object.objectHash == hash)
            return object.geometry.x;
    }
    return -1.0;
}

// The x of each object of a row as the fake Encord server keeps it, by object hash.
inline QHash<QString, double> encordBoxes(const nlohmann::json &row)
{
    QHash<QString, double> boxes;
    if (!row.is_object())
        return boxes;
    for (const auto &unit : row["data_units"].items())
        for (const nlohmann::json &object : unit.value()["labels"]["objects"])
            boxes.insert(QString::fromStdString(object["objectHash"].get<std::string>()),
                         object["boundingBox"]["x"].get<double>());
    return boxes;
}

} // namespace lb::test
