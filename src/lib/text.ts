// The one truncation helper: cuts text to a length limit, with an optional marker such as "…", without
// splitting a surrogate pair (half an emoji is invalid text).
export function clip(text: string, max: number, marker = ''): string {
  if (text.length <= max) return text;
  let cut = max - marker.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}${marker}`;
}
