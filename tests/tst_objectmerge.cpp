#include "diff/objectmerge.h"
#include "domain/labelrowdocument.h"

#include <QtTest>

using lb::LabelRowDocument;
using lb::MergeChoice;
using lb::MergeOutcome;
using nlohmann::json;

namespace {

const char *const kUnit = "aaaaaaaa-0000-4000-8000-00000000000a";
const char *const kCar = "carFeat1";
const char *const kPerson = "perFeat1";

json boxObject(const char *hash, double x, const char *feature = kCar, const char *edited = "2025-01-01")
{
    return {{"objectHash", hash},
            {"featureHash", feature},
            {"name", "Car"},
            {"value", "car"},
            {"color", "#D33115"},
            {"shape", "bounding_box"},
            {"confidence", 1.0},
            {"createdBy", "ann@example.com"},
            {"createdAt", edited},
            {"lastEditedAt", edited},
            {"manualAnnotation", true},
            {"boundingBox", {{"x", x}, {"y", 0.1}, {"w", 0.2}, {"h", 0.2}}}};
}

json answer(const char *hash, const char *colour)
{
    return {{"objectHash", hash},
            {"classifications", json::array({{{"name", "Colour"}, {"answers", colour}}})}};
}

json rowShell(const char *type, const json &answers)
{
    return {{"label_hash", "11111111-1111-4111-8111-111111111111"},
            {"dataset_hash", "ds"},
            {"dataset_title", "DS"},
            {"data_title", "unit"},
            {"data_hash", kUnit},
            {"data_type", type},
            {"label_status", "LABELLED"},
            {"object_answers", answers},
            {"classification_answers", json::object()},
            {"object_actions", json::object()}};
}

json imageRow(const std::vector<json> &objects, const json &answers = json::object(),
              const json &classifications = json::array())
{
    json row = rowShell("image", answers);
    row["data_units"][kUnit] = {
        {"data_hash", kUnit},
        {"data_title", "cat.jpg"},
        {"data_type", "image/jpeg"},
        {"data_sequence", 0},
        {"width", 640},
        {"height", 480},
        {"labels", {{"objects", json(objects)}, {"classifications", classifications}}}};
    return row;
}

// A video whose frames hold the given objects: {"0": [...], "3": [...]}.
json videoRow(const std::map<std::string, std::vector<json>> &frames, const json &answers = json::object())
{
    json row = rowShell("video", answers);
    json labels = json::object();
    for (const auto &[frame, objects] : frames)
        labels[frame] = {{"objects", json(objects)}, {"classifications", json::array()}};
    row["data_units"][kUnit] = {
        {"data_hash", kUnit}, {"data_title", "clip.mp4"}, {"data_type", "video/mp4"}, {"width", 1280},
        {"height", 720},      {"labels", labels}};
    return row;
}

LabelRowDocument parse(const json &row)
{
    auto result = LabelRowDocument::fromJson(row);
    if (!result)
        qFatal("fixture does not parse: %s", qPrintable(result.error()));
    return result.value();
}

// The rows of one merge, kept alive for the input's pointers.
struct Rows
{
    std::optional<LabelRowDocument> base, source, target;

    lb::ObjectMergeInput input() const
    {
        lb::ObjectMergeInput in;
        in.base = base ? &*base : nullptr;
        in.source = source ? &*source : nullptr;
        in.target = target ? &*target : nullptr;
        return in;
    }
};

Rows rows(const std::optional<json> &base, const std::optional<json> &source,
          const std::optional<json> &target)
{
    Rows r;
    if (base)
        r.base = parse(*base);
    if (source)
        r.source = parse(*source);
    if (target)
        r.target = parse(*target);
    return r;
}

lb::ObjectMergeResult merged(const lb::ObjectMergeInput &input)
{
    auto result = lb::mergeObjects(input);
    if (!result)
        qFatal("merge failed: %s", qPrintable(result.error()));
    return result.value();
}

const lb::MergeEntry *entryOf(const lb::ObjectMergeResult &result, const QString &hash)
{
    for (const lb::MergeEntry &entry : result.entries) {
        if (entry.hash == hash)
            return &entry;
    }
    return nullptr;
}

const json &imageObjects(const json &row)
{
    return row["data_units"][kUnit]["labels"]["objects"];
}

// The object of `hash` in an image row's list; null when absent.
json imageObject(const json &row, const char *hash)
{
    for (const json &object : imageObjects(row)) {
        if (object["objectHash"] == hash)
            return object;
    }
    return nullptr;
}

} // namespace

class TestObjectMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changeOnlyOnSourceIsTaken()
    {
        const json base = imageRow({boxObject("A", 0.1), boxObject("B", 0.5)});
        const json source = imageRow({boxObject("A", 0.3, kCar, "2025-02-02"), boxObject("B", 0.5)});
        const Rows r = rows(base, source, base);
        const lb::ObjectMergeResult result = merged(r.input());
        QVERIFY(result.changesTarget);
        QVERIFY(!result.hasConflicts());
        const lb::MergeEntry *a = entryOf(result, QStringLiteral("A"));
        QVERIFY(a);
        QCOMPARE(a->outcome, MergeOutcome::TookSource);
        QCOMPARE(a->sourceChange, lb::SideChange::Edited);
        QCOMPARE(a->targetChange, lb::SideChange::None);
        QVERIFY(!entryOf(result, QStringLiteral("B"))); // alike on both sides: not listed
        QCOMPARE(imageObject(result.merged, "A"), imageObject(source, "A"));
        QCOMPARE(parse(result.merged).contentHash(), r.source->contentHash());
    }

    void changeOnlyOnTargetIsKept()
    {
        const json base = imageRow({boxObject("A", 0.1), boxObject("B", 0.5)});
        const json target = imageRow({boxObject("A", 0.1), boxObject("B", 0.7, kCar, "2025-03-03")});
        const Rows r = rows(base, base, target);
        const lb::ObjectMergeResult result = merged(r.input());
        QVERIFY(!result.changesTarget);
        QCOMPARE(entryOf(result, QStringLiteral("B"))->outcome, MergeOutcome::KeptTarget);
        QCOMPARE(entryOf(result, QStringLiteral("B"))->targetChange, lb::SideChange::Edited);
        QCOMPARE(parse(result.merged).toBytes(), r.target->toBytes());
    }

    void bothChangedIsAConflictUntilChosen()
    {
        const json base = imageRow({boxObject("A", 0.1), boxObject("B", 0.5)});
        const json source = imageRow({boxObject("A", 0.2), boxObject("B", 0.5)});
        const json target = imageRow({boxObject("A", 0.4), boxObject("B", 0.5)});
        const Rows r = rows(base, source, target);

        const lb::ObjectMergeResult open = merged(r.input());
        QCOMPARE(open.conflicts().size(), 1);
        QCOMPARE(open.conflicts().first().hash, QStringLiteral("A"));
        QVERIFY(open.conflicts().first().describe().contains(QStringLiteral("edited on both sides")));
        QCOMPARE(imageObject(open.merged, "A"), imageObject(target, "A")); // left as on the target

        lb::ObjectMergeInput takeSource = r.input();
        takeSource.objects.insert(QStringLiteral("A"), MergeChoice::TakeSource);
        const lb::ObjectMergeResult taken = merged(takeSource);
        QVERIFY(!taken.hasConflicts());
        QCOMPARE(imageObject(taken.merged, "A"), imageObject(source, "A"));

        lb::ObjectMergeInput keepTarget = r.input();
        keepTarget.objects.insert(QStringLiteral("A"), MergeChoice::KeepTarget);
        const lb::ObjectMergeResult kept = merged(keepTarget);
        QVERIFY(!kept.hasConflicts());
        QVERIFY(!kept.changesTarget);
        QCOMPARE(parse(kept.merged).toBytes(), r.target->toBytes());
    }

    void bothChangedAlikeIsNoConflict()
    {
        const json base = imageRow({boxObject("A", 0.1)});
        const json changed = imageRow({boxObject("A", 0.2, kCar, "2025-05-05")});
        const json changedLater = imageRow({boxObject("A", 0.2, kCar, "2025-06-06")}); // other timestamps
        const Rows r = rows(base, changed, changedLater);
        const lb::ObjectMergeResult result = merged(r.input());
        QVERIFY(!result.hasConflicts());
        QVERIFY(!result.changesTarget);
        QVERIFY(result.entries.isEmpty());
    }

    void addedAndRemovedOnEachSide()
    {
        // Base A B C; the source removed B and added S; the target removed C and added T.
        const json base = imageRow({boxObject("A", 0.1), boxObject("B", 0.3), boxObject("C", 0.5)});
        const json source = imageRow({boxObject("A", 0.1), boxObject("C", 0.5), boxObject("S", 0.7)});
        const json target = imageRow({boxObject("A", 0.1), boxObject("B", 0.3), boxObject("T", 0.9)});
        const Rows r = rows(base, source, target);
        const lb::ObjectMergeResult result = merged(r.input());
        QVERIFY(!result.hasConflicts());
        QCOMPARE(imageObject(result.merged, "B"), json(nullptr)); // removed on the source
        QCOMPARE(imageObject(result.merged, "C"), json(nullptr)); // removed on the target, stays so
        QCOMPARE(imageObject(result.merged, "S"), imageObject(source, "S")); // added on the source
        QCOMPARE(imageObject(result.merged, "T"), imageObject(target, "T")); // added on the target
        QCOMPARE(imageObject(result.merged, "A"), imageObject(target, "A"));
        QCOMPARE(entryOf(result, QStringLiteral("B"))->sourceChange, lb::SideChange::Removed);
        QCOMPARE(entryOf(result, QStringLiteral("S"))->sourceChange, lb::SideChange::Added);
        QCOMPARE(entryOf(result, QStringLiteral("C"))->outcome, MergeOutcome::KeptTarget);
        QCOMPARE(entryOf(result, QStringLiteral("T"))->outcome, MergeOutcome::KeptTarget);
        QCOMPARE(parse(result.merged).objectInstanceCount(), 3);
    }

    void removedOnOneSideEditedOnTheOtherConflicts()
    {
        const json base = imageRow({boxObject("A", 0.1)});
        const json source = imageRow({});
        const json target = imageRow({boxObject("A", 0.6)});
        const Rows r = rows(base, source, target);
        const lb::ObjectMergeResult result = merged(r.input());
        QCOMPARE(result.conflicts().size(), 1);
        QCOMPARE(result.conflicts().first().sourceChange, lb::SideChange::Removed);
        QCOMPARE(result.conflicts().first().targetChange, lb::SideChange::Edited);

        lb::ObjectMergeInput take = r.input();
        take.objects.insert(QStringLiteral("A"), MergeChoice::TakeSource);
        QCOMPARE(parse(merged(take).merged).objectInstanceCount(), 0);
    }

    void untouchedObjectsStayByteForByte()
    {
        json targetB = boxObject("B", 0.5);
        targetB["extraField"] = {{"kept", 1.50}}; // something a re-spelling would lose
        const json base = imageRow({boxObject("A", 0.1), boxObject("B", 0.5)});
        const json source = imageRow({boxObject("A", 0.3), boxObject("B", 0.5)});
        const json target = imageRow({boxObject("A", 0.1), targetB});
        const Rows r = rows(base, source, target);
        lb::ObjectMergeInput in = r.input();
        in.objects.insert(QStringLiteral("A"), MergeChoice::TakeSource);
        in.objects.insert(QStringLiteral("B"), MergeChoice::KeepTarget);
        const lb::ObjectMergeResult result = merged(in);
        QCOMPARE(imageObject(result.merged, "B").dump(), targetB.dump());
        // A keeps its place in the frame's list.
        QCOMPARE(imageObjects(result.merged)[0]["objectHash"], json("A"));
        QCOMPARE(imageObjects(result.merged)[0]["boundingBox"]["x"], json(0.3));
    }

    void videoObjectAcrossFrames()
    {
        const json v = boxObject("V", 0.1);
        json moved = boxObject("V", 0.4);
        const json w = boxObject("W", 0.8, kPerson);
        const json base = videoRow({{"0", {v, w}}, {"1", {v}}, {"2", {v}}});
        // The source moved V on frame 1 and carried it on to frame 3; the target only changed W.
        const json source = videoRow({{"0", {v, w}}, {"1", {moved}}, {"2", {v}}, {"3", {v}}});
        const json target = videoRow({{"0", {v, boxObject("W", 0.9, kPerson)}}, {"1", {v}}, {"2", {v}}});
        const Rows r = rows(base, source, target);
        const lb::ObjectMergeResult result = merged(r.input());
        QVERIFY(!result.hasConflicts());
        QCOMPARE(entryOf(result, QStringLiteral("V"))->outcome, MergeOutcome::TookSource);
        QCOMPARE(entryOf(result, QStringLiteral("W"))->outcome, MergeOutcome::KeptTarget);
        const json &labels = result.merged["data_units"][kUnit]["labels"];
        QCOMPARE(labels["1"]["objects"][0]["boundingBox"]["x"], json(0.4));
        QCOMPARE(labels["3"]["objects"].size(), std::size_t(1));
        QCOMPARE(labels["0"]["objects"][1]["boundingBox"]["x"], json(0.9));
        const LabelRowDocument doc = parse(result.merged);
        QCOMPARE(doc.objectInstanceCount(), 2);
        QCOMPARE(doc.frameCount(), 4);

        // Removing it takes it off every frame.
        const json gone = videoRow({{"0", {w}}});
        const Rows removed = rows(base, gone, base);
        const json out = merged(removed.input()).merged;
        for (const char *frame : {"0", "1", "2"})
            for (const json &object : out["data_units"][kUnit]["labels"][frame]["objects"])
                QVERIFY(object["objectHash"] != "V");
    }

    void objectAnswersFollowTheObject()
    {
        const json base = imageRow({boxObject("A", 0.1), boxObject("B", 0.5)},
                                   {{"A", answer("A", "red")}, {"B", answer("B", "red")}});
        // The source changed A's attribute only, and removed B with its answers.
        const json source = imageRow({boxObject("A", 0.1)}, {{"A", answer("A", "blue")}});
        const Rows r = rows(base, source, base);
        const lb::ObjectMergeResult result = merged(r.input());
        QCOMPARE(entryOf(result, QStringLiteral("A"))->outcome, MergeOutcome::TookSource);
        QCOMPARE(result.merged["object_answers"]["A"], answer("A", "blue"));
        QVERIFY(!result.merged["object_answers"].contains("B"));
        QVERIFY(imageObject(result.merged, "B").is_null());
    }

    void pairedObjectKeepsTheTargetHash()
    {
        // A model's box "m1" and a person's box "p1" are one object matched by shape.
        const json source = imageRow({boxObject("m1", 0.32)}, {{"m1", answer("m1", "blue")}});
        const json target = imageRow({boxObject("p1", 0.30)}, {{"p1", answer("p1", "red")}});
        const Rows r = rows(std::nullopt, source, target);
        lb::ObjectMergeInput in = r.input();
        in.pairing.insert(QStringLiteral("m1"), QStringLiteral("p1"));
        in.objects.insert(QStringLiteral("m1"), MergeChoice::TakeSource); // named by the source's hash
        const lb::ObjectMergeResult result = merged(in);
        QCOMPARE(result.entries.size(), 1);
        QCOMPARE(result.entries.first().hash, QStringLiteral("p1"));
        QCOMPARE(result.entries.first().sourceHash, QStringLiteral("m1"));
        QCOMPARE(imageObjects(result.merged).size(), std::size_t(1));
        QCOMPARE(imageObject(result.merged, "p1")["boundingBox"]["x"], json(0.32));
        QCOMPARE(result.merged["object_answers"].size(), std::size_t(1));
        QCOMPARE(result.merged["object_answers"]["p1"], answer("p1", "blue"));
        QCOMPARE(parse(result.merged).objectInstanceCount(), 1);

        // Its two hashes given opposite choices: refused rather than one of them silently winning.
        in.objects.insert(QStringLiteral("p1"), MergeChoice::KeepTarget);
        const auto twice = lb::mergeObjects(in);
        QCOMPARE(twice.errorKind(), lb::ErrorKind::Usage);
        QVERIFY(twice.error().contains(QStringLiteral("p1 (m1 on the source)")));
    }

    void withoutABaseUnchosenObjectsStayAsOnTheTarget()
    {
        const json source = imageRow({boxObject("A", 0.2), boxObject("N", 0.6)});
        const json target = imageRow({boxObject("A", 0.1)});
        const Rows r = rows(std::nullopt, source, target);
        const lb::ObjectMergeResult untouched = merged(r.input());
        QVERIFY(!untouched.changesTarget);
        QVERIFY(!untouched.hasConflicts());
        QVERIFY(entryOf(untouched, QStringLiteral("N"))
                    ->describe()
                    .contains(QStringLiteral("only on the source")));

        lb::ObjectMergeInput in = r.input();
        in.objects.insert(QStringLiteral("N"), MergeChoice::TakeSource);
        const lb::ObjectMergeResult added = merged(in);
        QCOMPARE(imageObject(added.merged, "N"), imageObject(source, "N"));
        QCOMPARE(imageObject(added.merged, "A"), imageObject(target, "A"));
    }

    void intoADataUnitWithoutATargetRow()
    {
        const json source = imageRow({boxObject("A", 0.2), boxObject("B", 0.6)}, {{"B", answer("B", "red")}});
        const Rows r = rows(std::nullopt, source, std::nullopt);
        lb::ObjectMergeInput in = r.input();
        in.objects.insert(QStringLiteral("B"), MergeChoice::TakeSource);
        const lb::ObjectMergeResult result = merged(in);
        QVERIFY(result.changesTarget);
        const LabelRowDocument doc = parse(result.merged);
        QCOMPARE(doc.objectInstanceCount(), 1);
        QCOMPARE(doc.objects().first().objectHash, QStringLiteral("B"));
        QCOMPARE(result.merged["object_answers"].size(), std::size_t(1));
    }

    void classificationsStayUnlessChosen()
    {
        const json cls = {{"classificationHash", "K1"}, {"featureHash", "kf"}, {"name", "Weather"}};
        const auto withAnswer = [&](const char *value) {
            json row = imageRow({}, json::object(), json::array({cls}));
            row["classification_answers"]["K1"] = {
                {"classificationHash", "K1"},
                {"classifications", json::array({{{"name", "Weather"}, {"answers", value}}})}};
            return row;
        };
        const Rows r = rows(std::nullopt, withAnswer("rain"), withAnswer("sun"));
        const lb::ObjectMergeResult kept = merged(r.input());
        QVERIFY(!kept.changesTarget);
        QVERIFY(entryOf(kept, QStringLiteral("K1"))->classification);

        lb::ObjectMergeInput in = r.input();
        in.classifications.insert(QStringLiteral("K1"), MergeChoice::TakeSource);
        const lb::ObjectMergeResult taken = merged(in);
        QCOMPARE(taken.merged["classification_answers"]["K1"],
                 withAnswer("rain")["classification_answers"]["K1"]);

        // A classification's hash among the object choices applies to the classification.
        lb::ObjectMergeInput named = r.input();
        named.objects.insert(QStringLiteral("K1"), MergeChoice::TakeSource);
        QCOMPARE(merged(named).merged, taken.merged);
    }

    void badInputIsRefusedByName()
    {
        const json row = imageRow({boxObject("A", 0.1)});
        const Rows r = rows(std::nullopt, row, row);
        lb::ObjectMergeInput unknown = r.input();
        unknown.objects.insert(QStringLiteral("nope"), MergeChoice::TakeSource);
        auto failed = lb::mergeObjects(unknown);
        QVERIFY(!failed);
        QCOMPARE(failed.errorKind(), lb::ErrorKind::NotFound);
        QVERIFY(failed.error().contains(QStringLiteral("nope")));
        // Unless missing objects are to be skipped: then the choice is left out and the row stays.
        unknown.skipMissing = true;
        const lb::ObjectMergeResult skipped = merged(unknown);
        QVERIFY(!skipped.changesTarget);
        for (const lb::MergeEntry &entry : skipped.entries)
            QVERIFY(entry.hash != QStringLiteral("nope"));

        lb::ObjectMergeInput threeWay = r.input();
        threeWay.objects.insert(QStringLiteral("A"), MergeChoice::ThreeWay);
        failed = lb::mergeObjects(threeWay);
        QVERIFY(!failed);
        QVERIFY(failed.error().contains(QStringLiteral("not copied")));

        lb::ObjectMergeInput pairing = r.input();
        pairing.pairing.insert(QStringLiteral("A"), QStringLiteral("ghost"));
        QVERIFY(!lb::mergeObjects(pairing));

        QVERIFY(!lb::mergeObjects(lb::ObjectMergeInput()));
    }
};

QTEST_GUILESS_MAIN(TestObjectMerge)
#include "tst_objectmerge.moc"
