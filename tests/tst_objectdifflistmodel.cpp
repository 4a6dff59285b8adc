#include "demo/demogenerator.h"
#include "diff/objectdiff.h"
#include "domain/labelrowdocument.h"
#include "items/objectdifflistmodel.h"
#include "modalityrows.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace lb;
using nlohmann::json;

namespace {

constexpr auto kTesterMode = QAbstractItemModelTester::FailureReportingMode::QtTest;
const char *const kUnit = "aaaaaaaa-0000-4000-8000-00000000000a";
const char *const kApple = "qWm5E3j4";
const char *const kPear = "no8RyWRY";

json object(const char *hash, const char *feature, const char *shape, const char *geometryKey,
            const json &geometry, double confidence = 1.0)
{
    json o = {{"name", "thing"},
              {"color", "#D33115"},
              {"shape", shape},
              {"value", "thing"},
              {"createdAt", "Wed, 01 Jan 2025 10:05:00 UTC"},
              {"createdBy", "ann@example.com"},
              {"confidence", confidence},
              {"objectHash", hash},
              {"featureHash", feature},
              {"manualAnnotation", true}};
    o[geometryKey] = geometry;
    return o;
}

json box(double x, double y, double w, double h)
{
    return {{"x", x}, {"y", y}, {"w", w}, {"h", h}};
}

json imageRow(const json &objects)
{
    json row = {{"label_hash", "11111111-1111-4111-8111-111111111111"},
                {"branch_name", "main"},
                {"created_at", "2025-01-01 10:00:00"},
                {"last_edited_at", "2025-01-02 11:00:00"},
                {"dataset_hash", "dddddddd-0000-4000-8000-00000000000d"},
                {"dataset_title", "DS"},
                {"data_title", "cat.jpg"},
                {"data_hash", kUnit},
                {"data_type", "image"},
                {"label_status", "LABELLED"},
                {"object_answers", json::object()},
                {"classification_answers", json::object()},
                {"object_actions", json::object()}};
    row["data_units"][kUnit] = {{"data_hash", kUnit},
                                {"data_title", "cat.jpg"},
                                {"data_type", "image/jpeg"},
                                {"data_sequence", 0},
                                {"width", 640},
                                {"height", 480},
                                {"labels", {{"objects", objects}, {"classifications", json::array()}}}};
    return row;
}

LabelRowDocument parse(const json &row)
{
    auto result = LabelRowDocument::fromJson(row);
    if (!result)
        qFatal("fixture does not parse: %s", qPrintable(result.error()));
    return result.value();
}

Ontology fruitOntology()
{
    Ontology ontology;
    ontology.objects = {{QString::fromLatin1(kApple), QStringLiteral("Apple"), QStringLiteral("bounding_box"),
                         QStringLiteral("#D33115")},
                        {QString::fromLatin1(kPear), QStringLiteral("Pear"), QStringLiteral("bounding_box"),
                         QStringLiteral("#33D115")}};
    return ontology;
}

// The demo project's rows of one branch, by data hash.
QHash<QString, LabelRowDocument> demoRows(const DemoGenerator &generator, const QString &branch)
{
    QHash<QString, LabelRowDocument> rows;
    const Result<QList<LabelRowDocument>> list = generator.rows(branch, 0, generator.size());
    if (list.ok()) {
        for (const LabelRowDocument &row : list.value())
            rows.insert(row.dataHash(), row);
    }
    return rows;
}

} // namespace

class TestObjectDiffListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheObjectDiff()
    {
        // main has apple-1 (moved on the target), apple-2 (gone) and pear-1 (same); the target adds pear-2.
        const LabelRowDocument source = parse(imageRow(
            json::array({object("apple-1", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2)),
                         object("apple-2", kApple, "bounding_box", "boundingBox", box(0.5, 0.5, 0.1, 0.1)),
                         object("pear-1", kPear, "bounding_box", "boundingBox", box(0.7, 0.1, 0.1, 0.1))})));
        const LabelRowDocument target = parse(imageRow(json::array(
            {object("apple-1", kApple, "bounding_box", "boundingBox", box(0.3, 0.1, 0.2, 0.2), 0.5),
             object("pear-1", kPear, "bounding_box", "boundingBox", box(0.7, 0.1, 0.1, 0.1)),
             object("pear-2", kPear, "bounding_box", "boundingBox", box(0.2, 0.6, 0.25, 0.25))})));
        const ObjectDiff diff = computeObjectDiff(&source, &target);

        ObjectDiffListModel model;
        QAbstractItemModelTester tester(&model, kTesterMode);
        model.setDiff(diff, fruitOntology(), QSize(640, 480));

        QCOMPARE(model.rowCount(), int(diff.instances.size()));
        QCOMPARE(model.columnCount(), int(ObjectDiffListModel::ColumnCount));
        for (int row = 0; row < model.rowCount(); ++row) {
            const ObjectInstanceChange &instance = diff.instances.at(row);
            QCOMPARE(model.index(row, 0).data(ObjectDiffListModel::ObjectHashRole).toString(),
                     instance.objectHash);
            QCOMPARE(model.index(row, 0).data(ObjectDiffListModel::ChangeKindRole).toInt(),
                     int(instance.kind));
            QCOMPARE(model.index(row, ObjectDiffListModel::StatusColumn).data().toString(),
                     changeKindDisplay(instance.kind));
            QCOMPARE(model.index(row, ObjectDiffListModel::ChangesColumn).data().toString(),
                     editReasonNames(instance.reasons).join(QStringLiteral(", ")));
            QCOMPARE(model.index(row, ObjectDiffListModel::ObjectHashColumn).data().toString(),
                     instance.objectHash);
            QCOMPARE(model.rowOfObject(instance.objectHash), row);
        }
        QCOMPARE(model.rowOfObject(QStringLiteral("no-such-object")), -1);

        const int moved = model.rowOfObject(QStringLiteral("apple-1"));
        QCOMPARE(model.index(moved, ObjectDiffListModel::ClassColumn).data().toString(),
                 QStringLiteral("Apple"));
        QCOMPARE(model.index(moved, ObjectDiffListModel::ShapeColumn).data().toString(),
                 shapeTypeDisplay(ShapeType::BoundingBox));
        // Pixels of the 640 × 480 image: x 0.1 -> 64, y 0.1 -> 48, w 0.2 -> 128, h 0.2 -> 96.
        QCOMPARE(model.index(moved, ObjectDiffListModel::SourceColumn).data().toString(),
                 QStringLiteral("64, 48 · 128 × 96"));
        QVERIFY(model.index(moved, ObjectDiffListModel::TargetColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("192, 48 · ")));
        QVERIFY(model.index(moved, ObjectDiffListModel::TargetColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("0.50")));
        QVERIFY(model.index(moved, ObjectDiffListModel::ChangesColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("moved")));

        const int added = model.rowOfObject(QStringLiteral("pear-2"));
        QCOMPARE(model.index(added, 0).data(ObjectDiffListModel::ChangeKindRole).toInt(),
                 int(ChangeKind::Added));
        QCOMPARE(model.index(added, ObjectDiffListModel::SourceColumn).data().toString(),
                 QStringLiteral("—"));
        const int removed = model.rowOfObject(QStringLiteral("apple-2"));
        QCOMPARE(model.index(removed, ObjectDiffListModel::TargetColumn).data().toString(),
                 QStringLiteral("—"));
        QVERIFY(model.summaryText().contains(QStringLiteral("1 added, 1 removed, 1 edited, 1 unchanged")));

        // Without an image size the geometry reads in normalised units.
        model.setDiff(diff, fruitOntology());
        QCOMPARE(model.index(model.rowOfObject(QStringLiteral("apple-1")), ObjectDiffListModel::SourceColumn)
                     .data()
                     .toString(),
                 QStringLiteral("0.100, 0.100 · 0.200 × 0.200"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsChangesFirstThroughAProxy()
    {
        const LabelRowDocument source = parse(imageRow(
            json::array({object("a", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2)),
                         object("b", kApple, "bounding_box", "boundingBox", box(0.5, 0.5, 0.1, 0.1))})));
        const LabelRowDocument target = parse(imageRow(
            json::array({object("a", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2)),
                         object("b", kPear, "bounding_box", "boundingBox", box(0.5, 0.5, 0.1, 0.1))})));
        ObjectDiffListModel model;
        model.setDiff(computeObjectDiff(&source, &target), fruitOntology());
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, kTesterMode);
        proxy.setSourceModel(&model);
        proxy.setSortRole(ObjectDiffListModel::SortRole);
        proxy.sort(ObjectDiffListModel::StatusColumn);
        QCOMPARE(proxy.index(0, 0).data(ObjectDiffListModel::ObjectHashRole).toString(), QStringLiteral("b"));
        QCOMPARE(proxy.index(0, ObjectDiffListModel::ClassColumn).data().toString(),
                 QStringLiteral("Apple → Pear"));
        QCOMPARE(proxy.index(1, 0).data(ObjectDiffListModel::ChangeKindRole).toInt(),
                 int(ChangeKind::Unchanged));
    }

    void demoVideoFollowsTheFrame()
    {
        const DemoGenerator generator;
        const QHash<QString, LabelRowDocument> main = demoRows(generator, QStringLiteral("main"));
        const QHash<QString, LabelRowDocument> pre = demoRows(generator, DemoGenerator::preLabelsBranch());
        QVERIFY(!main.isEmpty());

        // A video with differences between main and the pre-labels.
        ObjectDiff diff;
        for (auto it = main.constBegin(); it != main.constEnd(); ++it) {
            if (it->dataType() != DataType::Video || !pre.contains(it.key()))
                continue;
            const LabelRowDocument target = pre.value(it.key());
            ObjectDiff candidate = computeObjectDiff(&it.value(), &target);
            if (!candidate.changedFrames.isEmpty()) {
                diff = candidate;
                break;
            }
        }
        QVERIFY2(!diff.instances.isEmpty(),
                 "the demo has a video that differs between main and the pre-labels");

        ObjectDiffListModel model;
        QAbstractItemModelTester tester(&model, kTesterMode);
        model.setDiff(diff, generator.ontology(), QSize(1920, 1080));
        QCOMPARE(model.rowCount(), int(diff.instances.size()));
        QCOMPARE(model.frame(), diff.changedFrames.constFirst());

        // On every changed frame, the rows flagged as changed are exactly the frame's changed objects.
        for (int frame : diff.changedFrames.mid(0, 5)) {
            model.setFrame(frame);
            QSet<QString> expected;
            for (const ObjectChange &change : diff.objects) {
                if (change.frame == frame && change.kind != ChangeKind::Unchanged)
                    expected.insert(change.objectHash);
            }
            QSet<QString> flagged;
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.index(row, 0).data(ObjectDiffListModel::ChangedOnFrameRole).toBool())
                    flagged.insert(model.index(row, 0).data(ObjectDiffListModel::ObjectHashRole).toString());
                const bool onFrame = model.index(row, 0).data(ObjectDiffListModel::OnFrameRole).toBool();
                QCOMPARE(onFrame, model.changeOnFrame(model.instanceAt(row)->objectHash, frame) != nullptr);
            }
            QCOMPARE(flagged, expected);
        }
        QVERIFY(!model.summaryText().isEmpty());
    }

    // A frame is called what the data type calls it, as on the canvas: slices for DICOM and NIfTI, pages for
    // PDF, frames for video and scenes.
    void framesAreCalledWhatTheTypeCallsThem()
    {
        QCOMPARE(DataType(DataType::Dicom).frameWord(), QStringLiteral("slice"));
        QCOMPARE(DataType(DataType::Nifti).frameWord(true), QStringLiteral("slices"));
        QCOMPARE(DataType(DataType::Pdf).frameWord(), QStringLiteral("page"));
        QCOMPARE(DataType(DataType::Video).frameWord(true), QStringLiteral("frames"));
        const QHash<QString, QPair<QString, QString>> words = {
            {QStringLiteral("video"), {QStringLiteral("frame"), QStringLiteral("Frames")}},
            {QStringLiteral("scene"), {QStringLiteral("frame"), QStringLiteral("Frames")}},
            {QStringLiteral("dicom"), {QStringLiteral("slice"), QStringLiteral("Slices")}},
            {QStringLiteral("nifti"), {QStringLiteral("slice"), QStringLiteral("Slices")}},
            {QStringLiteral("pdf"), {QStringLiteral("page"), QStringLiteral("Pages")}}};
        int seen = 0;
        for (const test::ModalityCase &c : test::modalityCases()) {
            if (!words.contains(c.name))
                continue;
            ++seen;
            const auto [word, heading] = words.value(c.name);
            // Object "a" is on frames 0 and 5 only.
            const LabelRowDocument row = parse(c.row);
            ObjectDiffListModel model;
            QAbstractItemModelTester tester(&model, kTesterMode);
            model.setDiff(computeObjectDiff(&row, &row), test::everyModalityOntology(), QSize(512, 512));
            model.setFrame(2);
            const int a = model.rowOfObject(QStringLiteral("a"));
            QVERIFY(a >= 0);
            const QString expected = QStringLiteral("not on %1 2 (%1s 0–5)").arg(word);
            QCOMPARE(model.index(a, ObjectDiffListModel::SourceColumn).data().toString(), expected);
            QCOMPARE(model.index(a, ObjectDiffListModel::TargetColumn).data().toString(), expected);
            const QString tip =
                model.index(a, ObjectDiffListModel::ClassColumn).data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(QStringLiteral("%1: 2 on source, 2 on target").arg(heading)),
                     qPrintable(tip));
            if (word != QStringLiteral("frame"))
                QVERIFY2(!tip.contains(QStringLiteral("rame")), qPrintable(tip));
        }
        QCOMPARE(seen, words.size());
    }
};

QTEST_GUILESS_MAIN(TestObjectDiffListModel)
#include "tst_objectdifflistmodel.moc"
