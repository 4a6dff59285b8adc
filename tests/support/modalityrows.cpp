#include "modalityrows.h"

namespace lb::test {

using json = nlohmann::json;

namespace {

json object(const char *hash, const QString &feature, const char *shape, const json &geometryKey,
            const json &geometry)
{
    json o = {{"objectHash", hash},
              {"featureHash", feature.toStdString()},
              {"name", "thing"},
              {"value", "thing"},
              {"color", "#D33115"},
              {"shape", shape},
              {"createdAt", "Thu, 09 Feb 2023 14:12:03 UTC"},
              {"createdBy", "annotator@example.com"},
              {"confidence", 1},
              {"manualAnnotation", true}};
    o[geometryKey.get<std::string>()] = geometry;
    return o;
}

json box(const char *hash, const QString &feature, double x)
{
    return object(hash, feature, "bounding_box", "boundingBox",
                  {{"x", x}, {"y", 0.1}, {"w", 0.2}, {"h", 0.3}});
}

json frame(const json &objects)
{
    return {{"objects", objects}, {"classifications", json::array()}};
}

json unit(const QString &hash, const char *title, const char *mime, const json &labels,
          const json &sequence = 0)
{
    return {{"data_hash", hash.toStdString()},
            {"data_title", title},
            {"data_type", mime},
            {"data_sequence", sequence},
            {"data_link", nullptr},
            {"width", 512},
            {"height", 512},
            {"labels", labels}};
}

json row(int i, const char *type, const json &units, const json &objectAnswers = json::object())
{
    const QString hash = modalityUnitHash(i);
    return {{"label_hash",
             QStringLiteral("1abe1000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')).toStdString()},
            {"branch_name", "main"},
            {"created_at", "2023-02-09 14:12:03"},
            {"last_edited_at", "Thu, 09 Feb 2023 15:00:00 UTC"},
            {"dataset_hash", "da7a5e70-0000-4000-8000-000000000001"},
            {"dataset_title", "Every modality"},
            {"data_title", QStringLiteral("unit-%1").arg(i).toStdString()},
            {"data_hash", hash.toStdString()},
            {"data_type", type},
            {"label_status", "LABELLED"},
            {"annotation_task_status", nullptr},
            {"is_valid", true},
            {"spaces", json::object()},
            {"data_units", units},
            {"object_answers", objectAnswers},
            {"classification_answers", json::object()},
            {"object_actions", json::object()}};
}

json unitMap(const json &u)
{
    return json{{u.at("data_hash").get<std::string>(), u}};
}

// Frames 0, 2 and 5: "a" on 0 and 5, "b" on 2 and 5.
json framedLabels(const QString &feature)
{
    return {{"0", frame(json::array({box("a", feature, 0.1)}))},
            {"2", frame(json::array({box("b", kCarHash, 0.4)}))},
            {"5", frame(json::array({box("a", feature, 0.2), box("b", kCarHash, 0.5)}))}};
}

json rangeAnswer(const char *hash, const QString &feature, const char *shape, const json &range)
{
    json a = {{"objectHash", hash},
              {"featureHash", feature.toStdString()},
              {"name", "speech"},
              {"value", "speech"},
              {"color", "#16406C"},
              {"shape", shape},
              {"createdBy", "annotator@example.com"},
              {"createdAt", "Thu, 09 Feb 2023 14:12:03 UTC"},
              {"manualAnnotation", true},
              {"classifications", json::array()}};
    if (range.is_object())
        a["range_html"] = json::array({range});
    else
        a["range"] = range;
    return a;
}

} // namespace

QString modalityUnitHash(int i)
{
    return QStringLiteral("0da7a000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
}

json everyShapeRow()
{
    const QString h = modalityUnitHash(99);
    json objects = json::array();
    objects.push_back(box("s-box", kCarHash, 0.1));
    objects.push_back(object("s-rbox", kCarHash, "rotatable_bounding_box", "rotatableBoundingBox",
                             {{"x", 0.2}, {"y", 0.2}, {"w", 0.1}, {"h", 0.1}, {"theta", 19.5}}));
    objects.push_back(object(
        "s-poly", kLesionHash, "polygon", "polygon",
        {{"0", {{"x", 0.1}, {"y", 0.1}}}, {"1", {{"x", 0.2}, {"y", 0.1}}}, {"2", {{"x", 0.2}, {"y", 0.2}}}}));
    objects.back()["polygons"] = json::parse("[[[0.1, 0.1, 0.2, 0.1, 0.2, 0.2]]]");
    objects.push_back(object("s-line", kLesionHash, "polyline", "polyline",
                             {{"0", {{"x", 0.1}, {"y", 0.1}}}, {"1", {{"x", 0.3}, {"y", 0.3}}}}));
    objects.push_back(object("s-point", kLesionHash, "point", "point", {{"0", {{"x", 0.5}, {"y", 0.6}}}}));
    objects.push_back(
        object("s-skel", kCarHash, "skeleton", "skeleton",
               {{"0", {{"x", 0.1}, {"y", 0.2}, {"name", "head"}, {"visibility", "visible"}}},
                {"1", {{"x", 0.1}, {"y", 0.4}, {"name", "foot"}, {"visibility", "occluded"}}}}));
    objects.push_back(
        object("s-mask", kLesionHash, "bitmask", "bitmask",
               {{"top", 0}, {"left", 0}, {"width", 512}, {"height", 512}, {"rleString", "c0`02N2N0O1"}}));
    objects.push_back(object(
        "s-cube", kCarHash, "cuboid", "cuboid",
        {{"position", {1.0, 2.0, 0.5}}, {"orientation", {0.0, 0.0, 1.57}}, {"size", {4.2, 1.8, 1.5}}}));
    objects.push_back(object("s-cube2d", kCarHash, "cuboid_2d", "cuboid_2d",
                             {{"front", {0.1, 0.1, 0.3, 0.1, 0.3, 0.3, 0.1, 0.3}},
                              {"vanishingPoint", {{"x", 0.8}, {"y", 0.5}}},
                              {"scaleRatio", 0.75}}));
    json r = row(99, "image", unitMap(unit(h, "shapes.jpg", "image/jpeg", frame(objects))));
    json answers = json::object();
    for (const json &o : objects)
        answers[o.at("objectHash").get<std::string>()] = {{"objectHash", o.at("objectHash")},
                                                          {"classifications", json::array()}};
    r["object_answers"] = answers;
    return r;
}

QList<ModalityCase> modalityCases()
{
    QList<ModalityCase> cases;
    const auto add = [&](const QString &name, const json &r, int objects, QHash<QString, int> classes,
                         int frames) {
        const QString typeName = QString::fromStdString(r.at("data_type").get<std::string>());
        DataType unitType;
        DataType::parse(typeName, &unitType);
        cases.append({name, r, typeName, objects, std::move(classes), frames, unitType});
    };
    int i = 0;

    // image: two objects of one class, one of another.
    ++i;
    add(QStringLiteral("image"),
        row(i, "image",
            unitMap(unit(modalityUnitHash(i), "a.jpg", "image/jpeg",
                         frame(json::array({box("i1", kCarHash, 0.1), box("i2", kCarHash, 0.5),
                                            box("i3", kLesionHash, 0.7)}))))),
        3, {{kCarHash, 2}, {kLesionHash, 1}}, 1);

    // img_group: "g1" on both images counts once; data_sequence as strings.
    {
        json units = json::object();
        const json u0 = unit(QStringLiteral("9a000000-0000-4000-8000-000000000001"), "g0.jpg", "image/jpeg",
                             frame(json::array({box("g1", kCarHash, 0.1)})), "0");
        const json u1 =
            unit(QStringLiteral("9a000000-0000-4000-8000-000000000002"), "g1.jpg", "image/jpeg",
                 frame(json::array({box("g1", kCarHash, 0.2), box("g2", kLesionHash, 0.3)})), "1");
        units[u0.at("data_hash").get<std::string>()] = u0;
        units[u1.at("data_hash").get<std::string>()] = u1;
        add(QStringLiteral("img_group"), row(++i, "img_group", units), 2, {{kCarHash, 1}, {kLesionHash, 1}},
            2);
    }

    // The frame-keyed types: "a" and "b", 6 frames (0 to 5).
    const std::pair<const char *, DataType::Kind> framed[] = {{"video", DataType::Video},
                                                              {"dicom", DataType::Dicom},
                                                              {"nifti", DataType::Nifti},
                                                              {"pdf", DataType::Pdf},
                                                              {"scene", DataType::Scene}};
    for (const auto &[type, kind] : framed) {
        json labels = framedLabels(kLesionHash);
        if (kind == DataType::Dicom)
            labels["0"]["metadata"] = {{"dicom_instance_uid", "1.2.3"}, {"multiframe_frame_number", nullptr}};
        ++i;
        add(QString::fromLatin1(type),
            row(i, type, unitMap(unit(modalityUnitHash(i), "series", "application/dicom", labels))), 2,
            {{kLesionHash, 1}, {kCarHash, 1}}, 6);
    }

    // audio: objects live in object_answers with millisecond ranges; labels are empty.
    {
        ++i;
        json u = unit(modalityUnitHash(i), "call.wav", "audio/wav", json::object());
        u["audio_codec"] = "pcm_s16le";
        u["audio_sample_rate"] = 16000;
        u["audio_num_channels"] = 1;
        u["audio_bit_depth"] = 16;
        json answers = {
            {"au1", rangeAnswer("au1", kSpeechHash, "audio", json::parse("[[0, 1500]]"))},
            {"au2", rangeAnswer("au2", kSpeechHash, "audio", json::parse("[[2000, 2500], [3000, 3100]]"))}};
        add(QStringLiteral("audio"), row(i, "audio", unitMap(u), answers), 2, {{kSpeechHash, 2}}, 1);
    }

    // plain_text: character ranges; an HTML file says where with range_html.
    {
        json answers = {{"tx1", rangeAnswer("tx1", kSpeechHash, "text", json::parse("[[10, 25]]"))}};
        ++i;
        add(QStringLiteral("plain_text"),
            row(i, "plain_text",
                unitMap(unit(modalityUnitHash(i), "notes.txt", "text/plain", json::object())), answers),
            1, {{kSpeechHash, 1}}, 1);
        json html = {{"ht1", rangeAnswer("ht1", kSpeechHash, "text",
                                         {{"start", {{"node", "/html/body/p[1]"}, {"offset", 0}}},
                                          {"end", {{"node", "/html/body/p[1]"}, {"offset", 12}}}})},
                     {"ht2", rangeAnswer("ht2", kLesionHash, "text", json::parse("[[40, 41]]"))}};
        ++i;
        add(QStringLiteral("html"),
            row(i, "plain_text", unitMap(unit(modalityUnitHash(i), "page.html", "text/html", json::object())),
                html),
            2, {{kSpeechHash, 1}, {kLesionHash, 1}}, 1);
    }

    // Containers: their children's objects live in spaces, which the root does not count.
    for (const auto &[type, kind] :
         {std::pair{"group", DataType::Group}, std::pair{"dicom_study", DataType::DicomStudy}}) {
        ++i;
        json r =
            row(i, type, unitMap(unit(modalityUnitHash(i), "bundle", "application/json", json::object())));
        r["spaces"] = {
            {"child-1",
             {{"space_type", "image"},
              {"labels", frame(json::array({box("c1", kCarHash, 0.1), box("c2", kCarHash, 0.3)}))}}}};
        add(QString::fromLatin1(type), r, 0, {}, 1);
    }

    // A type Encord adds later: kept by name, counted by the frame rule since its labels are keyed by frame.
    ++i;
    add(QStringLiteral("future type"),
        row(i, "point_cloud",
            unitMap(unit(modalityUnitHash(i), "lidar", "application/octet-stream", framedLabels(kCarHash)))),
        2, {{kCarHash, 2}}, 6);
    return cases;
}

} // namespace lb::test
