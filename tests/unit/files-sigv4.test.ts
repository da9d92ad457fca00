import { describe, expect, it } from 'vitest'
import { presignGet, signedHeaders } from '../../functions/files/sigv4.js'

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
})
