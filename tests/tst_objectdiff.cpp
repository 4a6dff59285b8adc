#include "diff/objectdiff.h"
#include "domain/labelrowdocument.h"
#include "testsupport.h"

#include <QtTest>

using lb::ChangeKind;
using lb::EditReason;
using lb::EditReasons;
using lb::LabelRowDocument;
using nlohmann::json;

Q_DECLARE_METATYPE(lb::EditReasons)
Q_DECLARE_METATYPE(nlohmann::json)

namespace {

const char *const kUnit = "aaaaaaaa-0000-4000-8000-00000000000a";
const char *const kVideoUnit = "bbbbbbbb-0000-4000-8000-00000000000b";
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

json rotatable(double x, double y, double w, double h, double theta)
{
    return {{"x", x}, {"y", y}, {"w", w}, {"h", h}, {"theta", theta}};
}

// Encord's {"0": {"x", "y"}, ...} point map.
json points(const QList<QPointF> &list, const QStringList &names = {})
{
    json out = json::object();
    for (qsizetype i = 0; i < list.size(); ++i) {
        json p = {{"x", list[i].x()}, {"y", list[i].y()}};
        if (i < names.size())
            p["name"] = names[i].toStdString();
        out[std::to_string(i)] = p;
    }
    return out;
}

QList<QPointF> translated(const QList<QPointF> &list, double dx, double dy)
{
    QList<QPointF> out;
    for (const QPointF &p : list)
        out.append(p + QPointF(dx, dy));
    return out;
}

QList<QPointF> scaled(const QList<QPointF> &list, double factor)
{
    double minX = 1, minY = 1, maxX = 0, maxY = 0;
    for (const QPointF &p : list) {
        minX = std::min(minX, p.x());
        minY = std::min(minY, p.y());
        maxX = std::max(maxX, p.x());
        maxY = std::max(maxY, p.y());
    }
    const QPointF centre((minX + maxX) / 2, (minY + maxY) / 2);
    QList<QPointF> out;
    for (const QPointF &p : list)
        out.append(centre + (p - centre) * factor);
    return out;
}

json imageRow(const json &objects, const json &classifications = json::array(),
              const json &objectAnswers = json::object(), const json &classificationAnswers = json::object())
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
                {"object_answers", objectAnswers},
                {"classification_answers", classificationAnswers},
                {"object_actions", json::object()}};
    row["data_units"][kUnit] = {{"data_hash", kUnit},
                                {"data_title", "cat.jpg"},
                                {"data_type", "image/jpeg"},
                                {"data_sequence", 0},
                                {"width", 640},
                                {"height", 480},
                                {"labels", {{"objects", objects}, {"classifications", classifications}}}};
    return row;
}

LabelRowDocument parse(const json &row)
{
    auto result = LabelRowDocument::fromJson(row);
    if (!result)
        qFatal("fixture does not parse: %s", qPrintable(result.error()));
    return result.value();
}

lb::ObjectDiff diffOf(const json &source, const json &target, const lb::ObjectDiffOptions &options = {})
{
    const LabelRowDocument a = parse(source);
    const LabelRowDocument b = parse(target);
    return lb::computeObjectDiff(&a, &b, options);
}

// Diff of a row holding one object against a row holding that object changed.
lb::ObjectChange singleChange(const json &before, const json &after,
                              const lb::ObjectDiffOptions &options = {})
{
    const lb::ObjectDiff diff =
        diffOf(imageRow(json::array({before})), imageRow(json::array({after})), options);
    if (diff.objects.size() != 1)
        qFatal("expected one object change, got %d", int(diff.objects.size()));
    return diff.objects.first();
}

const lb::ObjectChange *changeOf(const lb::ObjectDiff &diff, const QString &hash, int frame)
{
    for (const lb::ObjectChange &change : diff.objects) {
        if (change.objectHash == hash && change.frame == frame)
            return &change;
    }
    return nullptr;
}

const lb::ObjectInstanceChange *instanceOf(const lb::ObjectDiff &diff, const QString &hash)
{
    for (const lb::ObjectInstanceChange &change : diff.instances) {
        if (change.objectHash == hash)
            return &change;
    }
    return nullptr;
}

json fixtureJson(const char *name)
{
    const QByteArray bytes =
        lb::test::readFile(QStringLiteral(LB_TEST_DATA_DIR "/") + QString::fromLatin1(name));
    return json::parse(bytes.constBegin(), bytes.constEnd());
}

const QList<QPointF> kPentagon{{0.30, 0.20}, {0.40, 0.28}, {0.36, 0.40}, {0.24, 0.40}, {0.20, 0.28}};

} // namespace

class TestObjectDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void geometry_data()
    {
        QTest::addColumn<json>("before");
        QTest::addColumn<json>("after");
        QTest::addColumn<EditReasons>("expected");

        const EditReasons none;
        // bounding boxes
        const json b = object("box1", kApple, "bounding_box", "boundingBox", box(0.3, 0.4, 0.1, 0.2));
        QTest::newRow("box unchanged") << b << b << none;
        QTest::newRow("box jitter below tolerance")
            << b << object("box1", kApple, "bounding_box", "boundingBox", box(0.301, 0.4, 0.1, 0.2)) << none;
        QTest::newRow("box moved") << b
                                   << object("box1", kApple, "bounding_box", "boundingBox",
                                             box(0.31, 0.4, 0.1, 0.2))
                                   << EditReasons(EditReason::Moved);
        QTest::newRow("box moved down")
            << b << object("box1", kApple, "bounding_box", "boundingBox", box(0.3, 0.45, 0.1, 0.2))
            << EditReasons(EditReason::Moved);
        QTest::newRow("box resized around its centre")
            << b << object("box1", kApple, "bounding_box", "boundingBox", box(0.295, 0.39, 0.11, 0.22))
            << EditReasons(EditReason::Resized);
        QTest::newRow("box edge dragged")
            << b << object("box1", kApple, "bounding_box", "boundingBox", box(0.3, 0.4, 0.12, 0.2))
            << (EditReason::Moved | EditReason::Resized);

        // rotatable boxes
        const json r = object("rot1", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                              rotatable(0.3, 0.4, 0.1, 0.2, 10.0));
        QTest::newRow("rotated box unchanged") << r << r << none;
        QTest::newRow("rotated") << r
                                 << object("rot1", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                                           rotatable(0.3, 0.4, 0.1, 0.2, 25.0))
                                 << EditReasons(EditReason::Rotated);
        QTest::newRow("angle wraps around")
            << object("rot1", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                      rotatable(0.3, 0.4, 0.1, 0.2, 359.9))
            << object("rot1", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                      rotatable(0.3, 0.4, 0.1, 0.2, 0.1))
            << none;
        QTest::newRow("rotated box moved and resized")
            << r
            << object("rot1", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                      rotatable(0.35, 0.4, 0.2, 0.2, 10.0))
            << (EditReason::Moved | EditReason::Resized);

        // polygons
        const json p = object("poly1", kApple, "polygon", "polygon", points(kPentagon));
        QTest::newRow("polygon unchanged") << p << p << none;
        QTest::newRow("polygon translated")
            << p << object("poly1", kApple, "polygon", "polygon", points(translated(kPentagon, 0.05, -0.01)))
            << EditReasons(EditReason::Moved);
        QTest::newRow("polygon scaled")
            << p << object("poly1", kApple, "polygon", "polygon", points(scaled(kPentagon, 1.5)))
            << EditReasons(EditReason::Resized);
        QList<QPointF> dented = kPentagon;
        dented[1] = QPointF(0.40, 0.31); // slides along the right edge; the bounding box stays
        QTest::newRow("polygon vertex moved")
            << p << object("poly1", kApple, "polygon", "polygon", points(dented))
            << EditReasons(EditReason::Reshaped);
        QList<QPointF> extra = kPentagon;
        extra.insert(1, QPointF(0.35, 0.24));
        QTest::newRow("polygon vertex added")
            << p << object("poly1", kApple, "polygon", "polygon", points(extra))
            << EditReasons(EditReason::Reshaped);
        QTest::newRow("polygon jitter below tolerance")
            << p << object("poly1", kApple, "polygon", "polygon", points(translated(kPentagon, 0.001, 0.001)))
            << none;
        json flat = json::array();
        for (const QPointF &pt : kPentagon) {
            flat.push_back(pt.x());
            flat.push_back(pt.y());
        }
        json asPolygons = object("poly1", kApple, "polygon", "polygons", json::array({json::array({flat})}));
        QTest::newRow("polygon written as polygons") << p << asPolygons << none;

        // polylines
        const QList<QPointF> line{{0.1, 0.9}, {0.4, 0.7}, {0.8, 0.6}};
        const json l = object("line1", kPear, "polyline", "polyline", points(line));
        QTest::newRow("polyline unchanged") << l << l << none;
        QTest::newRow("polyline translated")
            << l << object("line1", kPear, "polyline", "polyline", points(translated(line, 0.0, -0.1)))
            << EditReasons(EditReason::Moved);
        QList<QPointF> bent = line;
        bent[1] = QPointF(0.4, 0.65);
        QTest::newRow("polyline bent") << l << object("line1", kPear, "polyline", "polyline", points(bent))
                                       << EditReasons(EditReason::Reshaped);

        // points
        const json pt = object("pt1", kPear, "point", "point", points({{0.5, 0.5}}));
        QTest::newRow("point unchanged") << pt << pt << none;
        QTest::newRow("point moved") << pt << object("pt1", kPear, "point", "point", points({{0.5, 0.51}}))
                                     << EditReasons(EditReason::Moved);
        QTest::newRow("point jitter below tolerance")
            << pt << object("pt1", kPear, "point", "point", points({{0.5015, 0.5}})) << none;

        // skeletons
        const QList<QPointF> body{{0.5, 0.1}, {0.5, 0.3}, {0.45, 0.5}, {0.55, 0.5}};
        const QStringList nodes{QStringLiteral("head"), QStringLiteral("hip"), QStringLiteral("left knee"),
                                QStringLiteral("right knee")};
        const json s = object("sk1", kApple, "skeleton", "skeleton", points(body, nodes));
        QTest::newRow("skeleton unchanged") << s << s << none;
        QTest::newRow("skeleton translated")
            << s << object("sk1", kApple, "skeleton", "skeleton", points(translated(body, 0.1, 0.1), nodes))
            << EditReasons(EditReason::Moved);
        QList<QPointF> bentHip = body;
        bentHip[1] = QPointF(0.52, 0.3);
        QTest::newRow("skeleton node moved")
            << s << object("sk1", kApple, "skeleton", "skeleton", points(bentHip, nodes))
            << EditReasons(EditReason::Reshaped);
        QStringList swapped = nodes;
        swapped.swapItemsAt(2, 3);
        QTest::newRow("skeleton nodes renamed")
            << s << object("sk1", kApple, "skeleton", "skeleton", points(body, swapped))
            << EditReasons(EditReason::Reshaped);

        // shapes the parser does not model are compared by their stored payload
        const json mask =
            object("mask1", kApple, "bitmask", "bitmask",
                   {{"top", 0}, {"left", 0}, {"width", 640}, {"height", 480}, {"rleString", "abc"}});
        json otherMask = mask;
        otherMask["bitmask"]["rleString"] = "abd";
        json restamped = mask;
        restamped["createdAt"] = "Thu, 02 Jan 2025 10:05:00 UTC";
        restamped["lastEditedAt"] = "Thu, 02 Jan 2025 10:06:00 UTC";
        QTest::newRow("bitmask unchanged") << mask << restamped << none;
        QTest::newRow("bitmask repainted") << mask << otherMask << EditReasons(EditReason::Reshaped);

        // a different kind of shape
        QTest::newRow("box became polygon")
            << b << object("box1", kApple, "polygon", "polygon", points(kPentagon))
            << EditReasons(EditReason::Reshaped);

        // everything that is not geometry
        QTest::newRow("class changed")
            << b << object("box1", kPear, "bounding_box", "boundingBox", box(0.3, 0.4, 0.1, 0.2))
            << EditReasons(EditReason::ClassChanged);
        QTest::newRow("confidence changed")
            << b << object("box1", kApple, "bounding_box", "boundingBox", box(0.3, 0.4, 0.1, 0.2), 0.8)
            << EditReasons(EditReason::ConfidenceChanged);
        QTest::newRow("class changed and moved")
            << b << object("box1", kPear, "bounding_box", "boundingBox", box(0.5, 0.4, 0.1, 0.2))
            << (EditReason::ClassChanged | EditReason::Moved);
        json timestampsOnly = b;
        timestampsOnly["createdAt"] = "Fri, 03 Jan 2025 10:05:00 UTC";
        timestampsOnly["lastEditedAt"] = "Fri, 03 Jan 2025 10:05:00 UTC";
        QTest::newRow("timestamps only") << b << timestampsOnly << none;
    }

    void geometry()
    {
        QFETCH(json, before);
        QFETCH(json, after);
        QFETCH(EditReasons, expected);
        const lb::ObjectChange change = singleChange(before, after);
        QCOMPARE(editReasonNamesOf(change.reasons), editReasonNamesOf(expected));
        QCOMPARE(change.kind, expected ? ChangeKind::Edited : ChangeKind::Unchanged);
        QVERIFY(change.source.has_value());
        QVERIFY(change.target.has_value());
        QCOMPARE(change.frame, 0);
    }

    void toleranceIsAnOption()
    {
        const json before = object("box1", kApple, "bounding_box", "boundingBox", box(0.3, 0.4, 0.1, 0.2));
        const json after = object("box1", kApple, "bounding_box", "boundingBox", box(0.31, 0.4, 0.1, 0.2));
        QCOMPARE(singleChange(before, after).kind, ChangeKind::Edited);
        lb::ObjectDiffOptions loose;
        loose.tolerance = 0.05;
        QCOMPARE(singleChange(before, after, loose).kind, ChangeKind::Unchanged);
        lb::ObjectDiffOptions strict;
        strict.tolerance = 0.0;
        const json tiny = object("box1", kApple, "bounding_box", "boundingBox", box(0.3001, 0.4, 0.1, 0.2));
        QCOMPARE(singleChange(before, tiny, strict).reasons, EditReasons(EditReason::Moved));

        const json r1 = object("r", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                               rotatable(0.3, 0.4, 0.1, 0.2, 10));
        const json r2 = object("r", kApple, "rotatable_bounding_box", "rotatableBoundingBox",
                               rotatable(0.3, 0.4, 0.1, 0.2, 12));
        QCOMPARE(singleChange(r1, r2).reasons, EditReasons(EditReason::Rotated));
        lb::ObjectDiffOptions wideAngle;
        wideAngle.angleTolerance = 5.0;
        QCOMPARE(singleChange(r1, r2, wideAngle).kind, ChangeKind::Unchanged);
    }

    void attributes()
    {
        const json b = object("box1", kApple, "bounding_box", "boundingBox", box(0.3, 0.4, 0.1, 0.2));
        const json ripe = json::parse(
            R"([{"name":"ripe","value":"ripe","answers":[{"name":"yes","value":"yes","featureHash":"y1"}],"featureHash":"r1","manualAnnotation":true}])");
        json unripe = ripe;
        unripe[0]["answers"][0] = {{"name", "no"}, {"value", "no"}, {"featureHash", "n1"}};
        auto answers = [](const json &list) {
            return json{{"box1", {{"objectHash", "box1"}, {"classifications", list}}}};
        };
        const json objects = json::array({b});

        lb::ObjectDiff diff = diffOf(imageRow(objects, json::array(), answers(ripe)),
                                     imageRow(objects, json::array(), answers(unripe)));
        QCOMPARE(diff.objects.first().reasons, EditReasons(EditReason::AttributesChanged));
        QCOMPARE(diff.edited, 1);

        // No entry, null and an empty list all mean "no attributes".
        diff = diffOf(imageRow(objects), imageRow(objects, json::array(), answers(json::array())));
        QCOMPARE(diff.objects.first().kind, ChangeKind::Unchanged);
        diff = diffOf(imageRow(objects), imageRow(objects, json::array(), answers(ripe)));
        QCOMPARE(diff.objects.first().reasons, EditReasons(EditReason::AttributesChanged));

        // Number spelling and key order do not make a difference.
        json respelled = ripe;
        respelled[0]["answers"] = json::parse(R"([{"featureHash":"y1","value":"yes","name":"yes"}])");
        respelled[0]["score"] = 1.0;
        json spelled = ripe;
        spelled[0]["score"] = 1;
        diff = diffOf(imageRow(objects, json::array(), answers(spelled)),
                      imageRow(objects, json::array(), answers(respelled)));
        QCOMPARE(diff.objects.first().kind, ChangeKind::Unchanged);
    }

    void addedRemovedAndClassTotals()
    {
        const json source = imageRow(json::array({
            object("objA", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.1, 0.1)),
            object("objB", kPear, "bounding_box", "boundingBox", box(0.3, 0.3, 0.1, 0.1)),
            object("objC", kApple, "polygon", "polygon", points(kPentagon)),
            object("objE", kPear, "point", "point", points({{0.9, 0.9}})),
        }));
        const json target = imageRow(json::array({
            object("objE", kPear, "point", "point", points({{0.9, 0.9}})),
            object("objD", kApple, "bounding_box", "boundingBox", box(0.6, 0.6, 0.1, 0.1)),
            object("objC", kPear, "polygon", "polygon", points(kPentagon)),
            object("objA", kApple, "bounding_box", "boundingBox", box(0.15, 0.1, 0.1, 0.1)),
        }));
        const lb::ObjectDiff diff = diffOf(source, target);
        QCOMPARE(diff.added, 1);
        QCOMPARE(diff.removed, 1);
        QCOMPARE(diff.edited, 2);
        QCOMPARE(diff.unchanged, 1);
        QVERIFY(!diff.isIdentical());
        QCOMPARE(diff.dataHash, QString::fromLatin1(kUnit));

        QCOMPARE(changeOf(diff, QStringLiteral("objD"), 0)->kind, ChangeKind::Added);
        QVERIFY(!changeOf(diff, QStringLiteral("objD"), 0)->source.has_value());
        QCOMPARE(changeOf(diff, QStringLiteral("objD"), 0)->target->geometry.x, 0.6);
        QCOMPARE(changeOf(diff, QStringLiteral("objB"), 0)->kind, ChangeKind::Removed);
        QCOMPARE(changeOf(diff, QStringLiteral("objB"), 0)->featureHash, QString::fromLatin1(kPear));
        QVERIFY(!changeOf(diff, QStringLiteral("objB"), 0)->target.has_value());
        QCOMPARE(changeOf(diff, QStringLiteral("objA"), 0)->reasons, EditReasons(EditReason::Moved));
        QCOMPARE(changeOf(diff, QStringLiteral("objC"), 0)->reasons, EditReasons(EditReason::ClassChanged));
        QCOMPARE(changeOf(diff, QStringLiteral("objE"), 0)->kind, ChangeKind::Unchanged);

        // Objects are listed by frame, then objectHash; instances by objectHash.
        QStringList order;
        for (const lb::ObjectChange &change : diff.objects)
            order.append(change.objectHash);
        QCOMPARE(order, (QStringList{QStringLiteral("objA"), QStringLiteral("objB"), QStringLiteral("objC"),
                                     QStringLiteral("objD"), QStringLiteral("objE")}));
        QCOMPARE(diff.instances.size(), 5);
        QCOMPARE(instanceOf(diff, QStringLiteral("objC"))->sourceFeatureHash, QString::fromLatin1(kApple));
        QCOMPARE(instanceOf(diff, QStringLiteral("objC"))->targetFeatureHash, QString::fromLatin1(kPear));

        lb::ClassChangeTotals apple;
        apple.added = 1;           // objD
        apple.edited = 1;          // objA
        apple.reclassifiedOut = 1; // objC left the class
        lb::ClassChangeTotals pear;
        pear.removed = 1;   // objB
        pear.edited = 1;    // objC, now a pear
        pear.unchanged = 1; // objE
        pear.reclassifiedIn = 1;
        QCOMPARE(diff.classTotals.size(), 2);
        QVERIFY(diff.classTotals.value(QString::fromLatin1(kApple)) == apple);
        QVERIFY(diff.classTotals.value(QString::fromLatin1(kPear)) == pear);

        QCOMPARE(diff.frames.size(), 1);
        QCOMPARE(diff.frames.first().objects.size(), 5);
        QCOMPARE(diff.changedFrames, QList<int>{0});
    }

    void classifications()
    {
        auto frameClassification = [](const char *hash, const char *feature) {
            return json{{"name", "hot dog"},
                        {"value", "hot_dog"},
                        {"createdAt", nullptr},
                        {"createdBy", "ann@example.com"},
                        {"confidence", 1},
                        {"featureHash", feature},
                        {"classificationHash", hash},
                        {"manualAnnotation", true}};
        };
        auto answer = [](const char *hash, const char *feature, const char *option) {
            return json{
                {"classificationHash", hash},
                {"featureHash", feature},
                {"spaces", json::object()},
                {"classifications",
                 json::array(
                     {{{"name", "hot dog"},
                       {"value", "hot_dog"},
                       {"featureHash", "t/prlg4Z"},
                       {"manualAnnotation", true},
                       {"answers",
                        json::array({{{"name", option}, {"value", option}, {"featureHash", option}}})}}})}};
        };
        const json objects = json::array();
        const json source = imageRow(
            objects,
            json::array({frameClassification("c1", "4BjoumKd"), frameClassification("c2", "4BjoumKd")}),
            json::object(),
            {{"c1", answer("c1", "4BjoumKd", "hot")},
             {"c2", answer("c2", "4BjoumKd", "hot")},
             {"g1", answer("g1", "weather", "rain")}});
        const json target = imageRow(
            objects,
            json::array({frameClassification("c3", "4BjoumKd"), frameClassification("c1", "4BjoumKd")}),
            json::object(),
            {{"c1", answer("c1", "4BjoumKd", "not hot")},
             {"c3", answer("c3", "4BjoumKd", "hot")},
             {"g1", answer("g1", "weather", "rain")}});
        const lb::ObjectDiff diff = diffOf(source, target);
        QCOMPARE(diff.classificationsAdded, 1);
        QCOMPARE(diff.classificationsRemoved, 1);
        QCOMPARE(diff.classificationsChanged, 1);
        QCOMPARE(diff.classificationsUnchanged, 1);
        QCOMPARE(diff.classifications.size(), 4);
        QCOMPARE(diff.objects.size(), 0);
        QVERIFY(!diff.isIdentical());

        QHash<QString, lb::ClassificationChange> byHash;
        for (const lb::ClassificationChange &change : diff.classifications)
            byHash.insert(change.classificationHash, change);
        QCOMPARE(byHash.value(QStringLiteral("c1")).kind, ChangeKind::Edited);
        QCOMPARE(byHash.value(QStringLiteral("c1")).reasons, EditReasons(EditReason::AttributesChanged));
        QCOMPARE(byHash.value(QStringLiteral("c2")).kind, ChangeKind::Removed);
        QCOMPARE(byHash.value(QStringLiteral("c3")).kind, ChangeKind::Added);
        QCOMPARE(byHash.value(QStringLiteral("g1")).kind, ChangeKind::Unchanged);
        QCOMPARE(byHash.value(QStringLiteral("g1")).featureHash, QStringLiteral("weather"));
        QCOMPARE(diff.changedFrames, QList<int>{0});
    }

    void absentRows()
    {
        const LabelRowDocument video = parse(fixtureJson("encord_video_row.json"));

        const lb::ObjectDiff added = lb::computeObjectDiff(nullptr, &video);
        QVERIFY(!added.sourcePresent);
        QVERIFY(added.targetPresent);
        QCOMPARE(added.dataType, lb::DataType::Video);
        QCOMPARE(added.added, 2);
        QCOMPARE(added.objects.size(), 4);
        QCOMPARE(added.classificationsAdded, 1);
        QCOMPARE(added.changedFrames, (QList<int>{0, 1, 2}));
        QCOMPARE(added.classTotals.value(QString::fromLatin1(kApple)).added, 1);
        for (const lb::ObjectChange &change : added.objects)
            QCOMPARE(change.kind, ChangeKind::Added);

        const lb::ObjectDiff removed = lb::computeObjectDiff(&video, nullptr);
        QVERIFY(removed.sourcePresent);
        QVERIFY(!removed.targetPresent);
        QCOMPARE(removed.removed, 2);
        QCOMPARE(removed.classificationsRemoved, 1);
        QCOMPARE(removed.classTotals.value(QString::fromLatin1(kPear)).removed, 1);
        QCOMPARE(removed.dataHash, QString::fromLatin1(kVideoUnit));

        const lb::ObjectDiff nothing = lb::computeObjectDiff(nullptr, nullptr);
        QVERIFY(nothing.isIdentical());
        QVERIFY(nothing.objects.isEmpty());
        QVERIFY(nothing.frames.isEmpty());
    }

    void identicalVideo()
    {
        const json row = fixtureJson("encord_video_row.json");
        json other = row;
        other["label_hash"] = "44444444-4444-4444-8444-444444444444";
        other["branch_name"] = "elsewhere";
        const lb::ObjectDiff diff = diffOf(row, other);
        QVERIFY(diff.isIdentical());
        QCOMPARE(diff.unchanged, 2);
        QCOMPARE(diff.frames.size(), 3);
        QVERIFY(diff.changedFrames.isEmpty());
        for (const lb::FrameDiff &frame : diff.frames)
            QVERIFY(!frame.hasChanges());
    }

    void videoFrames()
    {
        const json source = fixtureJson("encord_video_row.json");
        json target = source;
        json &labels = target["data_units"][kVideoUnit]["labels"];
        // Apple moves on frame 2 only.
        labels["2"]["objects"][0]["boundingBox"]["x"] = 0.2;
        // Pear leaves frame 1 and appears on a new frame 3, with a new object beside it.
        json pear = labels["1"]["objects"][1];
        labels["1"]["objects"].erase(1);
        labels["3"] = {{"objects", json::array({pear, object("newObj01", kApple, "bounding_box",
                                                             "boundingBox", box(0.5, 0.5, 0.1, 0.1))})},
                       {"classifications", json::array()}};
        // The classification is dropped from frame 2.
        labels["2"]["classifications"] = json::array();

        const lb::ObjectDiff diff = diffOf(source, target);
        QCOMPARE(diff.dataType, lb::DataType::Video);

        QList<int> frameNumbers;
        for (const lb::FrameDiff &frame : diff.frames)
            frameNumbers.append(frame.frame);
        QCOMPARE(frameNumbers, (QList<int>{0, 1, 2, 3}));
        QCOMPARE(diff.changedFrames, (QList<int>{1, 2, 3}));
        QVERIFY(!diff.frames.at(0).hasChanges());

        // Per frame.
        QCOMPARE(changeOf(diff, QStringLiteral("DRIx7nRr"), 0)->kind, ChangeKind::Unchanged);
        QCOMPARE(changeOf(diff, QStringLiteral("DRIx7nRr"), 1)->kind, ChangeKind::Unchanged);
        QCOMPARE(changeOf(diff, QStringLiteral("DRIx7nRr"), 2)->kind, ChangeKind::Edited);
        QCOMPARE(changeOf(diff, QStringLiteral("DRIx7nRr"), 2)->reasons, EditReasons(EditReason::Moved));
        QCOMPARE(changeOf(diff, QStringLiteral("DRIx7nRr"), 2)->source->geometry.x, 0.14);
        QCOMPARE(changeOf(diff, QStringLiteral("DRIx7nRr"), 2)->target->geometry.x, 0.2);
        QCOMPARE(changeOf(diff, QStringLiteral("7C3NBNYu"), 1)->kind, ChangeKind::Removed);
        QCOMPARE(changeOf(diff, QStringLiteral("7C3NBNYu"), 3)->kind, ChangeKind::Added);
        QCOMPARE(changeOf(diff, QStringLiteral("newObj01"), 3)->kind, ChangeKind::Added);

        const lb::FrameDiff &frame3 = diff.frames.at(3);
        QCOMPARE(frame3.objects.size(), 2);
        QCOMPARE(frame3.objects.at(0).objectHash, QStringLiteral("7C3NBNYu"));
        QCOMPARE(frame3.objects.at(1).objectHash, QStringLiteral("newObj01"));
        QCOMPARE(diff.frames.at(2).classifications.size(), 1);
        QCOMPARE(diff.frames.at(2).classifications.first().kind, ChangeKind::Removed);

        // Per object instance, across frames.
        const lb::ObjectInstanceChange *apple = instanceOf(diff, QStringLiteral("DRIx7nRr"));
        QCOMPARE(apple->kind, ChangeKind::Edited);
        QCOMPARE(apple->reasons, EditReasons(EditReason::Moved));
        QCOMPARE(apple->sourceFrames, (QList<int>{0, 1, 2}));
        QCOMPARE(apple->targetFrames, (QList<int>{0, 1, 2}));
        const lb::ObjectInstanceChange *pearInstance = instanceOf(diff, QStringLiteral("7C3NBNYu"));
        QCOMPARE(pearInstance->kind, ChangeKind::Edited);
        QCOMPARE(pearInstance->reasons, EditReasons(EditReason::FramesChanged));
        QCOMPARE(pearInstance->sourceFrames, QList<int>{1});
        QCOMPARE(pearInstance->targetFrames, QList<int>{3});
        QCOMPARE(instanceOf(diff, QStringLiteral("newObj01"))->kind, ChangeKind::Added);

        QCOMPARE(diff.added, 1);
        QCOMPARE(diff.edited, 2);
        QCOMPARE(diff.removed, 0);
        QCOMPARE(diff.unchanged, 0);
        QCOMPARE(diff.classTotals.value(QString::fromLatin1(kApple)).edited, 1);
        QCOMPARE(diff.classTotals.value(QString::fromLatin1(kApple)).added, 1);
        QCOMPARE(diff.classTotals.value(QString::fromLatin1(kPear)).edited, 1);

        // The classification is on both branches, on fewer frames of the target: changed.
        QCOMPARE(diff.classificationsChanged, 1);
        QCOMPARE(diff.classificationsAdded, 0);
        QCOMPARE(diff.classificationsRemoved, 0);
    }

    // A model's box and a person's correction of it share no objectHash: one edited object, paired by shape.
    void pairsObjectsWithoutACommonHashByShape()
    {
        const json source = imageRow(json::array(
            {object("model001", kApple, "bounding_box", "boundingBox", box(0.10, 0.10, 0.20, 0.20)),
             object("model002", kPear, "bounding_box", "boundingBox", box(0.60, 0.60, 0.10, 0.10))}));
        const json target = imageRow(json::array(
            {object("person01", kApple, "bounding_box", "boundingBox", box(0.12, 0.10, 0.20, 0.20)),
             object("person02", kPear, "bounding_box", "boundingBox", box(0.05, 0.80, 0.05, 0.05))}));
        const lb::ObjectDiff diff = diffOf(source, target);

        const lb::ObjectInstanceChange *moved = instanceOf(diff, QStringLiteral("person01"));
        QVERIFY(moved);
        QCOMPARE(moved->kind, ChangeKind::Edited);
        QCOMPARE(moved->reasons, EditReasons(EditReason::Moved));
        QCOMPARE(moved->sourceObjectHash, QStringLiteral("model001"));
        QCOMPARE(moved->match, lb::MatchMethod::Geometry);
        // Boxes 0.2 x 0.2 shifted by 0.02 of 640 px: intersection 0.18 x 0.2, union 0.22 x 0.2.
        QVERIFY(moved->score);
        QVERIFY(qAbs(*moved->score - 0.18 / 0.22) < 1e-9);
        const lb::ObjectChange *onFrame = changeOf(diff, QStringLiteral("person01"), 0);
        QCOMPARE(onFrame->sourceObjectHash, QStringLiteral("model001"));
        QCOMPARE(onFrame->source->objectHash, QStringLiteral("model001"));
        QCOMPARE(onFrame->target->objectHash, QStringLiteral("person01"));
        QCOMPARE(onFrame->match, lb::MatchMethod::Geometry);

        // Too far apart to be the same pear: removed and added.
        QCOMPARE(instanceOf(diff, QStringLiteral("model002"))->kind, ChangeKind::Removed);
        QCOMPARE(instanceOf(diff, QStringLiteral("person02"))->kind, ChangeKind::Added);
        QCOMPARE(diff.edited, 1);
        QCOMPARE(diff.added, 1);
        QCOMPARE(diff.removed, 1);
        QCOMPARE(diff.instances.size(), 3);

        // Pairing off: everything without a common hash is removed and added.
        lb::ObjectDiffOptions off;
        off.matchThreshold = 0;
        const lb::ObjectDiff byHash = diffOf(source, target, off);
        QCOMPARE(byHash.edited, 0);
        QCOMPARE(byHash.added, 2);
        QCOMPARE(byHash.removed, 2);
    }

    void pairsAcrossClassesOnlyWhenAsked()
    {
        const json source = imageRow(json::array(
            {object("model001", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2))}));
        const json target = imageRow(
            json::array({object("person01", kPear, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2))}));
        const lb::ObjectDiff diff = diffOf(source, target);
        QCOMPARE(diff.instances.size(), 1);
        const lb::ObjectInstanceChange &change = diff.instances.first();
        QCOMPARE(change.reasons, EditReasons(EditReason::ClassChanged));
        QCOMPARE(change.match, lb::MatchMethod::ClassAgnostic);
        QCOMPARE(change.sourceFeatureHash, QString::fromLatin1(kApple));
        QCOMPARE(change.targetFeatureHash, QString::fromLatin1(kPear));
        QCOMPARE(diff.classTotals.value(QString::fromLatin1(kPear)).reclassifiedIn, 1);
        QCOMPARE(diff.classTotals.value(QString::fromLatin1(kApple)).reclassifiedOut, 1);

        lb::ObjectDiffOptions sameClassOnly;
        sameClassOnly.matchAcrossClasses = false;
        const lb::ObjectDiff strict = diffOf(source, target, sameClassOnly);
        QCOMPARE(strict.added, 1);
        QCOMPARE(strict.removed, 1);
    }

    // An object whose hash is on both sides keeps its hash pair even when another object fits its shape
    // better.
    void aCommonHashComesBeforeShape()
    {
        const json source = imageRow(json::array(
            {object("shared01", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2))}));
        const json target = imageRow(json::array(
            {object("shared01", kApple, "bounding_box", "boundingBox", box(0.5, 0.5, 0.2, 0.2)),
             object("person01", kApple, "bounding_box", "boundingBox", box(0.1, 0.1, 0.2, 0.2))}));
        const lb::ObjectDiff diff = diffOf(source, target);
        QCOMPARE(instanceOf(diff, QStringLiteral("shared01"))->match, lb::MatchMethod::Hash);
        QCOMPARE(instanceOf(diff, QStringLiteral("shared01"))->reasons, EditReasons(EditReason::Moved));
        QCOMPARE(instanceOf(diff, QStringLiteral("person01"))->kind, ChangeKind::Added);
    }

    // Across the frames of a video, a source instance is paired with the target instance it matches on most
    // frames, even when another target instance fits it better on one frame.
    void videoInstancesPairByTheFramesTheyShare()
    {
        const json source = fixtureJson("encord_video_row.json");
        json target = source;
        json &labels = target["data_units"][kVideoUnit]["labels"];
        // The apple gets a fresh hash on every frame it is on (0, 1, 2); on frame 2 a second fresh apple sits
        // exactly where the source apple is, while the renamed apple moved a little there.
        for (const char *frame : {"0", "1", "2"})
            labels[frame]["objects"][0]["objectHash"] = "fresh001";
        labels["2"]["objects"][0]["boundingBox"]["x"] =
            labels["2"]["objects"][0]["boundingBox"]["x"].get<double>() + 0.01;
        json twin = source["data_units"][kVideoUnit]["labels"]["2"]["objects"][0];
        twin["objectHash"] = "fresh002";
        labels["2"]["objects"].push_back(twin);

        const lb::ObjectDiff diff = diffOf(source, target);
        const lb::ObjectInstanceChange *apple = instanceOf(diff, QStringLiteral("fresh001"));
        QVERIFY(apple);
        QCOMPARE(apple->sourceObjectHash, QStringLiteral("DRIx7nRr"));
        QCOMPARE(apple->match, lb::MatchMethod::Geometry);
        QCOMPARE(apple->sourceFrames, (QList<int>{0, 1, 2}));
        QCOMPARE(apple->targetFrames, (QList<int>{0, 1, 2}));
        QCOMPARE(apple->kind, ChangeKind::Edited);
        QCOMPARE(apple->reasons, EditReasons(EditReason::Moved));
        QCOMPARE(changeOf(diff, QStringLiteral("fresh001"), 0)->kind, ChangeKind::Unchanged);
        QCOMPARE(instanceOf(diff, QStringLiteral("fresh002"))->kind, ChangeKind::Added);
        QVERIFY(!instanceOf(diff, QStringLiteral("DRIx7nRr")));
    }

    void names()
    {
        QCOMPARE(lb::changeKindName(ChangeKind::Added), QStringLiteral("added"));
        QCOMPARE(lb::changeKindName(ChangeKind::Removed), QStringLiteral("removed"));
        QCOMPARE(lb::changeKindName(ChangeKind::Unchanged), QStringLiteral("unchanged"));
        QCOMPARE(lb::changeKindName(ChangeKind::Edited), QStringLiteral("edited"));
        QCOMPARE(lb::editReasonNames(EditReason::ConfidenceChanged | EditReason::Moved),
                 (QStringList{QStringLiteral("moved"), QStringLiteral("confidence changed")}));
        QVERIFY(lb::editReasonNames({}).isEmpty());
        QCOMPARE(lb::editReasonNames(EditReasons::fromInt(0xff)).size(), 8);
    }

private:
    static QStringList editReasonNamesOf(EditReasons reasons) { return lb::editReasonNames(reasons); }
};

QTEST_GUILESS_MAIN(TestObjectDiff)
#include "tst_objectdiff.moc"
