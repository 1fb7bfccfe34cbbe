import { defineMessages } from '../i18n.js';

/** What the hierarchy module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  list_has_no_rows: { zh: '名录没有数据行', en: 'the list has no data rows' },
  division_list_rejected: { zh: '区划名录有 {length} 处问题，未导入任何数据', en: 'the division list has {length} problem(s); nothing was imported' },
  division_not_found: { zh: '未找到区划 {code}', en: 'division {code} not found' },
  cursor_not_issued: { zh: '分页游标无效（不是本接口给出的）', en: 'cursor is not one this API issued' },
  cursor_invalid: { zh: '分页游标无效', en: 'invalid cursor' },
  not_a_division_code_long: { zh: '不是 6、9 或 12 位的统计用区划代码', en: 'not a division code of 6, 9 or 12 digits (统计用区划代码)' },
  outside_city: { zh: '不在 {cityCode} 市范围内', en: 'outside city {cityCode}' },
  name_empty: { zh: '名称为空', en: 'name is empty' },
  name_has_replacement_char: {
    zh: '第 {row} 行的名称含有乱码替换符（\uFFFD）：文件在上传前已按错误的编码读取（常见于 GBK/GB18030 文件被当作 UTF-8），请上传原始文件或另存为 CSV UTF-8',
    en: 'row {row}: the name contains the replacement character (\uFFFD): the file was read in the wrong encoding before upload (often a GBK/GB18030 file read as UTF-8); upload the original file or save it as CSV UTF-8',
  },
  name_has_control_chars: { zh: '第 {row} 行的名称含有换行或其他控制字符', en: 'row {row}: the name contains a line break or another control character' },
  name_too_long: { zh: '名称超过 {max} 个字', en: 'name is longer than {max} characters' },
  duplicate_of_row: { zh: '与第 {row} 行重复', en: 'duplicate of row {row}' },
  kind_not_of_level: { zh: '{level}的类型须为以下之一：{kinds}', en: 'kind must be one of {kinds} at {level} level' },
  not_a_division_code: { zh: '不是区划代码', en: 'not a division code' },
  parent_unknown: { zh: '上级 {parentCode} 既不在名录中，也不在现行区划中', en: 'parent {parentCode} is neither in the list nor on the map' },
  cannot_sit_under: { zh: '{level}不能直接隶属于{parentLevel}（上级代码 {parentCode}）', en: 'a {level} cannot sit under a {parentLevel} ({parentCode})' },
  header_no_code_column: { zh: '表头没有代码列（code 或 统计用区划代码）', en: 'the header has no code column (code or 统计用区划代码)' },
  header_no_name_column: { zh: '表头没有名称列（name 或 名称）', en: 'the header has no name column (name or 名称)' },
  row_has_extra_fields: {
    zh: '第 {line} 行有 {fields} 个字段，表头只有 {columns} 列；名称中的逗号须连同名称用引号括起来',
    en: 'row {line} has {fields} fields but the header has {columns} columns; a comma in a name needs the name in quotes',
  },
  row_has_quoted_newline: {
    zh: '第 {line} 行的引号内含有换行，下一行被并入了这一行；请检查该行的引号是否成对',
    en: 'row {line} has a line break inside quotes, so the next row was merged into it; check that its quotes pair up',
  },
  file_is_workbook: { zh: '文件是 {workbook}，不是 CSV 文本；{saveAs}', en: 'the file is {workbook}, not CSV text; {saveAs}' },
  charset_unsupported: {
    zh: '不支持声明的字符编码“{charset}”：请以 UTF-8 或 GB18030（GBK）编码上传',
    en: 'the declared charset “{charset}” is not supported: upload in UTF-8 or GB18030 (GBK)',
  },
  bytes_unreadable: {
    zh: '第 {line} 行含有无法识别的字节：文件既不是有效的 UTF-8，也不是有效的 GB18030（GBK）编码；{saveAs}',
    en: 'row {line} has bytes that are neither valid UTF-8 nor valid GB18030 (GBK); {saveAs}',
  },
  mixed_encodings: {
    zh: '第 {line} 行是 GB18030（GBK）编码，而其他行是 UTF-8：文件混用了两种编码；{saveAs}',
    en: 'row {line} is GB18030 (GBK) while other rows are UTF-8: the file mixes two encodings; {saveAs}',
  },
  not_valid_encoding: { zh: '第 {line} 行不是有效的 {encoding} 编码{why}；{saveAs}', en: 'row {line} is not valid {encoding}{why}; {saveAs}' },
  nul_character: {
    zh: '第 {line} 行含有空字符（U+0000）：文件可能是 UTF-16 而没有 BOM，或不是文本文件；{saveAs}',
    en: 'row {line} contains a NUL character (U+0000): the file may be UTF-16 without a BOM, or not text; {saveAs}',
  },
  quote_followed_by: {
    zh: '第 {line} 行：引号结束后紧跟着“{ch}”；含引号的字段须整体用引号括起来，字段内的引号写成两个（""）',
    en: 'row {line}: a closing quote is followed by “{ch}”; a field with quotes is quoted as a whole, a quote inside it written twice ("")',
  },
  quote_in_unquoted_field: {
    zh: '第 {line} 行：未加引号的字段中出现了引号；含引号的字段须整体用引号括起来，字段内的引号写成两个（""）',
    en: 'row {line}: a quote inside an unquoted field; a field with quotes is quoted as a whole, a quote inside it written twice ("")',
  },
  quote_not_closed: {
    zh: '第 {line} 行的引号没有闭合：从这里到文件末尾都成了同一个字段，请补上结束的引号',
    en: 'the quote opened on row {line} is never closed: everything to the end of the file became one field; add the closing quote',
  },
  save_as_csv_utf8: { zh: '请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后重新上传', en: 'in Excel, “Save as → CSV UTF-8 (comma delimited)” and upload again' },
  workbook_xlsx: { zh: 'Excel 工作簿（.xlsx）或压缩包', en: 'an Excel workbook (.xlsx) or a zip archive' },
  workbook_xls: { zh: '旧版 Excel 工作簿（.xls）', en: 'an old Excel workbook (.xls)' },
  why_utf8_bom: { zh: '（文件以 UTF-8 BOM 开头）', en: ' (the file starts with a UTF-8 BOM)' },
  why_declared_charset: { zh: '（请求声明的编码为 {charset}）', en: ' (the request declared {charset})' },
});
