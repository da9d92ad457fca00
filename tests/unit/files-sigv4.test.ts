import { describe, expect, it } from 'vitest'
import { postPolicySignature, presignGet, presignPost, signedHeaders } from '../../functions/files/sigv4.js'

/** The example credentials and time of Amazon S3's SigV4 documentation ("Signature Calculations"). */
const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const now = new Date('2013-05-24T00:00:00Z')
const host = 'examplebucket.s3.amazonaws.com'

describe('SigV4 for the S3 file store, against AWS\'s published examples', () => {
  it('presigned GET (query-string authentication): the documented URL, signature included', () => {
    expect(presignGet({ creds, region: 'us-east-1', host, key: 'test.txt', now, expiresSeconds: 86400 })).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    )
  })

  it('header-signed GET object with a Range header: the documented signature', () => {
    const h = signedHeaders({ creds, region: 'us-east-1', method: 'GET', host, key: 'test.txt', now, headers: { range: 'bytes=0-9' }, payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
  })

  it('header-signed PUT object (key with $, a storage-class header): the documented signature', () => {
    const h = signedHeaders({
      creds,
      region: 'us-east-1',
      method: 'PUT',
      host,
      key: 'test$file.text',
      now,
      headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash: '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    })
    expect(h.authorization).toContain('SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd')
  })

  it('a session token is signed into the link', () => {
    const a = presignGet({ creds, region: 'us-east-1', host, key: 'test.txt', now, expiresSeconds: 300 })
    const b = presignGet({ creds: { ...creds, sessionToken: 'tok/en+=' }, region: 'us-east-1', host, key: 'test.txt', now, expiresSeconds: 300 })
    expect(b).toContain('X-Amz-Security-Token=tok%2Fen%2B%3D')
    expect(new URL(a).searchParams.get('X-Amz-Signature')).not.toBe(new URL(b).searchParams.get('X-Amz-Signature'))
  })

  // "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)": the policy as
  // documented (base64 of its CRLF text) and the signature the page gives for it.
  const documentedPolicy =
    'eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9'

  it('POST policy (browser-based upload): the documented signature', () => {
    expect(postPolicySignature(creds.secretAccessKey, '20151229', 'us-east-1', documentedPolicy)).toBe('8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e')
  })

  it('a presigned POST allows one key, 1 byte to the limit, until it expires, and signs its own policy', () => {
    const at = new Date('2026-12-03T08:00:00Z')
    const p = presignPost({ creds: { ...creds, sessionToken: 'tok' }, region: 'cn-north-1', host: 'b.s3.cn-north-1.amazonaws.com.cn', bucket: 'b', key: 'uploads/2026-12-03/u-1/x', now: at, expiresSeconds: 300, maxBytes: 5242880 })
    expect(p.url).toBe('https://b.s3.cn-north-1.amazonaws.com.cn/')
    const policy = JSON.parse(Buffer.from(p.fields.policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] }
    expect(policy.expiration).toBe('2026-12-03T08:05:00.000Z')
    expect(policy.conditions).toEqual([
      { bucket: 'b' },
      { key: 'uploads/2026-12-03/u-1/x' },
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20261203/cn-north-1/s3/aws4_request' },
      { 'x-amz-date': '20261203T080000Z' },
      { 'x-amz-server-side-encryption': 'AES256' },
      { 'x-amz-security-token': 'tok' },
      ['content-length-range', 1, 5242880],
    ])
    // Every condition but the bucket's is a form field the browser sends as it is.
    expect(p.fields).toMatchObject({ key: 'uploads/2026-12-03/u-1/x', 'x-amz-security-token': 'tok', 'x-amz-date': '20261203T080000Z' })
    expect(p.fields['x-amz-signature']).toBe(postPolicySignature(creds.secretAccessKey, '20261203', 'cn-north-1', p.fields.policy!))
  })
})
