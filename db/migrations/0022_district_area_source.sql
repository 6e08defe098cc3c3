-- The district areas' source said "上海统计年鉴 2023" although the figures were never checked against that table.
-- Say what they were checked against (db/data/district-areas.ts); a source an administrator wrote stays.
UPDATE `districts` SET `area_source` = '上海统计年鉴 行政区划和土地面积，通行公布值（与 tcmap.com.cn 区划表逐区核对至平方公里，未与年鉴原表核对）'
 WHERE `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)';
