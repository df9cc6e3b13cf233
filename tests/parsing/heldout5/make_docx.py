# ruff: noqa: E501  (the strings are the document's text, kept as whole phrases)
"""Build the held-out round 5 Word plan (lamdong_bdg_2026.docx) with python-docx.

Run once: `uv run python tests/parsing/heldout5/make_docx.py`. The .docx is committed; this script shows how
it was made. The document imitates a real provincial Word plan: a borderless header table, bold part titles,
numbered items whose unit head is a bold run followed by plain text, Word bullets whose marker is NOT in the
text ("List Bullet" style), and an annex task table with merged header cells, merged group rows and a
vertically merged "Chủ trì" cell shared by two rows.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

OUT = Path(__file__).resolve().parent / "lamdong_bdg_2026.docx"


def para(doc, text="", *, bold=False, center=False, style=None, head=None):
    p = doc.add_paragraph(style=style)
    if head:
        p.add_run(head).bold = True
    if text:
        run = p.add_run(text)
        run.bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def build() -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)

    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n-------"
    header.cell(
        0, 1
    ).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"
    header.cell(1, 0).text = "Số: 215/KH-UBND"
    header.cell(1, 1).text = "Lâm Đồng, ngày 12 tháng 01 năm 2026"

    para(doc)
    para(doc, "KẾ HOẠCH", bold=True, center=True)
    para(
        doc,
        "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ tỉnh Lâm Đồng năm 2026",
        bold=True,
        center=True,
    )
    para(doc, "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;")
    para(
        doc,
        "Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ ban hành Chiến lược quốc gia về bình đẳng "
        "giới giai đoạn 2021 - 2030;",
    )
    para(
        doc,
        "Theo đề nghị của Sở Nội vụ tại Tờ trình số 18/TTr-SNV ngày 06/01/2026, Ủy ban nhân dân tỉnh ban hành "
        "Kế hoạch thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ năm 2026 như sau:",
    )

    para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    para(doc, "1. Mục đích", bold=True)
    para(
        doc,
        "Tiếp tục thu hẹp khoảng cách giới, tạo điều kiện, cơ hội để phụ nữ và nam giới tham gia, thụ hưởng "
        "bình đẳng trong các lĩnh vực của đời sống xã hội; nâng cao trách nhiệm của Sở Nội vụ, các sở, ban, "
        "ngành và UBND các xã, phường, đặc khu trong thực hiện công tác bình đẳng giới.",
    )
    para(doc, "2. Yêu cầu", bold=True)
    para(doc, "Các nhiệm vụ phải cụ thể, khả thi, gắn với chức năng, nhiệm vụ của từng cơ quan, đơn vị.")

    para(doc, "II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
    para(
        doc,
        "1. Đẩy mạnh công tác thông tin, truyền thông nâng cao nhận thức về bình đẳng giới, chú trọng vùng đồng "
        "bào dân tộc thiểu số.",
    )
    para(
        doc,
        "2. Nâng cao năng lực đội ngũ làm công tác bình đẳng giới. Giao Sở Nội vụ chủ trì tổ chức tập huấn kiến "
        "thức, kỹ năng lồng ghép giới cho đội ngũ cán bộ làm công tác bình đẳng giới cấp xã, hoàn thành trong "
        "quý III năm 2026.",
    )
    para(doc, "3. Tăng cường kiểm tra, giám sát việc thực hiện pháp luật về bình đẳng giới.")

    para(doc, "III. KINH PHÍ THỰC HIỆN", bold=True)
    para(
        doc,
        "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán chi thường xuyên năm 2026 của các cơ quan, đơn vị "
        "theo phân cấp ngân sách hiện hành và các nguồn hợp pháp khác.",
    )

    para(doc, "IV. TỔ CHỨC THỰC HIỆN", bold=True)
    para(doc, head="1. Sở Nội vụ")
    para(
        doc,
        "Là cơ quan thường trực, chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện Kế "
        "hoạch; hướng dẫn, kiểm tra, đôn đốc việc thực hiện.",
        style="List Bullet",
    )
    para(
        doc,
        "Tổng hợp, báo cáo UBND tỉnh và Bộ Nội vụ kết quả thực hiện công tác bình đẳng giới năm 2026 trước ngày "
        "15/12/2026.",
        style="List Bullet",
    )
    para(
        doc,
        ": chủ trì, phối hợp với Sở Nội vụ triển khai các hoạt động kiểm soát mất cân bằng giới tính khi sinh; "
        "lồng ghép nội dung bình đẳng giới trong các chương trình chăm sóc sức khỏe sinh sản.",
        head="2. Sở Y tế",
    )
    para(
        doc,
        " lồng ghép nội dung giáo dục về giới, bình đẳng giới vào các hoạt động giáo dục trong nhà trường; "
        "phòng ngừa bạo lực học đường trên cơ sở giới.",
        head="3. Sở Giáo dục và Đào tạo",
    )
    para(
        doc,
        ": chỉ đạo, hướng dẫn các cơ quan báo chí trên địa bàn tỉnh đăng tải tin, bài tuyên truyền về bình đẳng "
        "giới; lồng ghép nội dung bình đẳng giới trong phong trào xây dựng gia đình văn hóa.",
        head="4. Sở Văn hóa, Thể thao và Du lịch",
    )
    para(
        doc,
        ": tham mưu UBND tỉnh bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách năm 2026 theo quy định.",
        head="5. Sở Tài chính",
    )
    para(
        doc,
        " chủ trì tổ chức các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với "
        "bạo lực trên cơ sở giới năm 2026; giám sát việc thực hiện chính sách đối với lao động nữ.",
        head="6. Đề nghị Hội Liên hiệp Phụ nữ tỉnh",
    )
    para(doc, head="7. UBND các xã, phường, đặc khu")
    para(
        doc,
        "Xây dựng kế hoạch thực hiện công tác bình đẳng giới năm 2026 của địa phương, gửi Sở Nội vụ trước ngày "
        "28/02/2026.",
        style="List Bullet",
    )
    para(
        doc,
        "Báo cáo kết quả thực hiện về Sở Nội vụ định kỳ 6 tháng trước ngày 10/6 và hằng năm trước ngày 10/12 để "
        "tổng hợp.",
        style="List Bullet",
    )
    para(
        doc,
        "Trong quá trình triển khai thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Sở Nội "
        "vụ để tổng hợp, báo cáo UBND tỉnh xem xét, chỉ đạo./.",
    )

    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = (
        "Nơi nhận:\n- Bộ Nội vụ (b/c);\n- TT Tỉnh ủy, TT HĐND tỉnh (b/c);\n- CT, các PCT UBND tỉnh;\n"
        "- Như mục IV;\n- Lưu: VT, VX."
    )
    sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Thị Minh Hương"

    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    para(doc, "PHỤ LỤC", bold=True, center=True)
    para(
        doc,
        "DANH MỤC NHIỆM VỤ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI NĂM 2026",
        bold=True,
        center=True,
    )
    para(doc, "(Kèm theo Kế hoạch số 215/KH-UBND ngày 12/01/2026 của UBND tỉnh Lâm Đồng)", center=True)

    rows = [
        ("I", "Nhóm nhiệm vụ truyền thông", None, None, None),
        (
            "1",
            "Xây dựng chuyên mục “Bình đẳng giới” trên Cổng thông tin điện tử tỉnh",
            "Văn phòng UBND tỉnh",
            "Sở Nội vụ",
            "Quý II/2026",
        ),
        (
            "2",
            "Tổ chức Lễ phát động Tháng hành động vì bình đẳng giới cấp tỉnh",
            "Sở Nội vụ",
            "Hội Liên hiệp Phụ nữ tỉnh; Tỉnh đoàn",
            "Tháng 11/2026",
        ),
        ("II", "Nhóm nhiệm vụ nâng cao năng lực", None, None, None),
        (
            "3",
            "Tập huấn nghiệp vụ cho cán bộ làm công tác bình đẳng giới cấp xã",
            "Sở Nội vụ",
            "UBND các xã, phường, đặc khu",
            "Quý III/2026",
        ),
        (
            "4",
            "Khảo sát, đánh giá thực trạng bình đẳng giới trong cơ quan hành chính nhà nước",
            "",
            "Sở Tài chính",
            "Tháng 10/2026",
        ),
        (
            "5",
            "Lồng ghép nội dung bình đẳng giới trong chương trình giáo dục phổ thông",
            "Sở Giáo dục và Đào tạo",
            "",
            "Hằng năm",
        ),
    ]
    table = doc.add_table(rows=2 + len(rows), cols=5)
    table.style = "Table Grid"
    heads = table.rows[0].cells
    heads[0].text, heads[1].text, heads[2].text, heads[4].text = (
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan thực hiện",
        "Thời gian hoàn thành",
    )
    sub = table.rows[1].cells
    sub[2].text, sub[3].text = "Chủ trì", "Phối hợp"
    heads[2].merge(heads[3])
    for col in (0, 1, 4):
        table.cell(0, col).merge(table.cell(1, col))
    for i, (stt, task, lead, partners, when) in enumerate(rows, start=2):
        cells = table.rows[i].cells
        cells[0].text = stt
        if lead is None:
            merged = cells[1].merge(cells[4])
            merged.text = task
            merged.paragraphs[0].runs[0].bold = True
            continue
        cells[1].text = task
        if lead:
            cells[2].text = lead
        cells[3].text = partners or ""
        cells[4].text = when
    # rows "3" and "4" share one vertically merged "Chủ trì" cell (Sở Nội vụ)
    top = table.cell(6, 2)
    top.merge(table.cell(7, 2))
    table.cell(6, 2).text = "Sở Nội vụ"
    last = doc.paragraphs[-1]
    last.add_run().add_break(WD_BREAK.LINE)
    doc.save(str(OUT))


if __name__ == "__main__":
    build()
