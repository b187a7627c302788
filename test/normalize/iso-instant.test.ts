import { describe, expect, it } from "vitest";
import { isoInstant } from "../../src/normalize/iso-instant.js";

describe("isoInstant", () => {
  it("reads Coupa's datetimes to the same instant as Date.parse", () => {
    const texts: string[] = [];
    for (const date of [
      "2024-03-01",
      "1999-12-31",
      "2024-02-29",
      "0100-01-01",
    ]) {
      for (const time of ["00:00:00", "09:15:07", "23:59:59"]) {
        for (const fraction of ["", ".000", ".123", ".999"]) {
          for (const zone of ["Z", "+00:00", "-08:00", "+05:30", "+14:00"]) {
            texts.push(`${date}T${time}${fraction}${zone}`);
          }
        }
      }
    }
    for (const text of texts) {
      expect(isoInstant(text), text).toBe(Date.parse(text));
    }
  });

  it("rolls an out-of-month day over like Date.parse does", () => {
    const text = "2024-02-31T00:00:00-08:00";
    expect(isoInstant(text)).toBe(Date.parse(text));
  });

  it("leaves other shapes to Date.parse by returning undefined", () => {
    for (const text of [
      "2024-03-01",
      "2024-03-01T09:15:00",
      "2024-03-01T09:15:00-0800",
      "2024-03-01T09:15:00+01",
      "2024-03-01t09:15:00Z",
      "2024-13-01T09:15:00Z",
      "2024-03-01T24:00:00Z",
      "0050-03-01T09:15:00Z",
      "2024-03-01T09:15:00.1234567Z",
      "2024-0a-01T09:15:00Z",
      "2024-03-01 09:15:00+01:00",
    ]) {
      expect(isoInstant(text), text).toBeUndefined();
    }
  });
});
